using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Checkpoints;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Keys;
using CemOnPrem.Audit.Pseudonyms;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Audit;

/// <summary>Wiring of the audit trail: <c>builder.AddCemAudit(dataDirectory)</c>, <c>app.UseCemAuditDenials()</c>, <c>app.MapAuditApi()</c>.</summary>
public static class AuditSetup
{
    public static IHostApplicationBuilder AddCemAudit(this IHostApplicationBuilder builder, Func<IServiceProvider, string> dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AuditOptions>().Bind(builder.Configuration.GetSection(AuditOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsRanges>();
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        services.AddHttpContextAccessor();
        // Meters come from IMeterFactory (the host's; added here for hosts without one): cem_audit_chain_broken.
        services.AddMetrics();
        services.AddSingleton<AuditChainGuard>();
        services.AddSingleton<AuditChainStore>();
        services.AddSingleton<AuditAppender>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditAppender>());
        services.AddSingleton(sp => new SubjectPseudonyms(AuditKeyFiles.LoadOrCreatePseudonymKey(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value.PseudonymKeyFile, dataDirectory(sp))));
        services.AddSingleton(sp => new AuditSigningKey(AuditKeyFiles.LoadOrCreateCheckpointKey(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value.CheckpointKeyFile, dataDirectory(sp))));
        services.AddSingleton<IAuditTrail, AuditTrail>();
        services.AddSingleton<AuditCheckpointStore>();
        services.AddSingleton<Queries.AuditQueryStore>();
        services.AddHostedService<AuditCheckpointService>();
        // After the appender (hosted order): a start with a changed configuration is recorded before requests are taken.
        services.AddHostedService<Configuration.ConfigurationAudit>();
        AddAuthorization(services);
        return builder;
    }

    /// <summary>Records denials; call before authentication and authorization so it sees their 401/403.</summary>
    public static IApplicationBuilder UseCemAuditDenials(this IApplicationBuilder app) => app.UseMiddleware<DenialAuditMiddleware>();

    private static void AddAuthorization(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, NoCredentialsAuthenticationHandler>(NoCredentialsAuthenticationHandler.SchemeName, null);
        // Only a fallback: once an identity provider sets a default scheme, it wins.
        services.PostConfigure<AuthenticationOptions>(options =>
        {
            options.DefaultScheme ??= NoCredentialsAuthenticationHandler.SchemeName;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(AuditPolicies.Compliance, policy => policy.RequireAuthenticatedUser()
                .RequireRole(AuditPolicies.ComplianceRole, AuditPolicies.AuditorReadOnlyRole));
    }
}
