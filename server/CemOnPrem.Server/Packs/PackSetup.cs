using CemOnPrem.Audit;
using CemOnPrem.Packs.Hosting;
using CemOnPrem.Packs.Hosting.Loading;
using CemOnPrem.Packs.Hosting.State;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Server.Packs;

/// <summary>Wires the plugin host: <c>Cem:Packs</c> options (validated), the registry loaded at start, the invoker.</summary>
public static class PackSetup
{
    /// <summary>Folder under <c>Cem:DataDirectory</c> used when <c>Cem:Packs:Directory</c> is not set.</summary>
    public const string DefaultFolder = "packs";

    public static WebApplicationBuilder AddCemPacks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PackHostOptions>()
            .Bind(builder.Configuration.GetSection(PackHostOptions.Section))
            .PostConfigure<IOptions<CemOptions>>((packs, cem) =>
            {
                if (string.IsNullOrWhiteSpace(packs.Directory))
                {
                    packs.Directory = Path.Combine(cem.Value.DataDirectory, DefaultFolder);
                }

                packs.Directory = Path.GetFullPath(packs.Directory);
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PackHostOptions>, PackHostOptionsValidator>();
        builder.Services.AddSingleton<IPackStateStore>(sp => new AuditedPackStateStore(
            new PostgresPackStateStore(sp.GetRequiredService<ControlDatabase>()), sp.GetRequiredService<IAuditTrail>()));
        builder.Services.AddSingleton<IPackAssemblyLoader, McMasterPackAssemblyLoader>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<PackHostOptions>>().Value);
        builder.Services.AddSingleton<PackRegistry>();
        builder.Services.AddSingleton<PackInvoker>();
        // After DatabaseStartup (registered earlier): pack switches live in the control database.
        builder.Services.AddHostedService<PackStartup>();
        return builder;
    }

    private sealed class PackStartup(PackRegistry registry, IAuditTrail audit) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await registry.LoadAsync(cancellationToken).ConfigureAwait(false);
            // Fail closed: a start whose pack decisions cannot be recorded does not serve.
            await PackAudit.RecordLoadAsync(registry, audit).ConfigureAwait(false);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
