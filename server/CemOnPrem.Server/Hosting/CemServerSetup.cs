using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Audit;
using CemOnPrem.Identity.Hosting;
using CemOnPrem.Http.Customers;
using CemOnPrem.Server.Cluster;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Server.Health;
using CemOnPrem.Server.Encryption;
using CemOnPrem.Http.Masking;
using CemOnPrem.Grains.Residency;
using CemOnPrem.Http.Residency;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Events;
using CemOnPrem.Storage.GrainStorage;
using Microsoft.Extensions.Options;
using Serilog;

using CemOnPrem.Server.Configuration;

namespace CemOnPrem.Server.Hosting;

/// <summary>Composition of the server: configuration, storage, ingest, Orleans silo, problem details.</summary>
public static class CemServerSetup
{
    /// <summary>Configuration binding and validation, logging. Enough for <c>--migrate-only</c>.</summary>
    public static WebApplicationBuilder AddCemDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CemOptions>().Bind(builder.Configuration.GetSection(CemOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CemOptions>, CemOptionsValidator>();
        builder.AddCemLogging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new ControlDatabase(sp.GetRequiredService<IOptions<CemOptions>>().Value.ControlDatabase.ConnectionString));
        // Connections only to the regions this node serves: it cannot read or write any other region's database.
        builder.Services.AddCemResidencyOptions();
        builder.Services.AddSingleton(sp => new RegionDatabases(sp.GetRequiredService<NodeRegions>().Served
            .ToDictionary(region => region, region => sp.GetRequiredService<IOptions<CemOptions>>().Value.Regions[region].ConnectionString)));
        // Registered before the silo so migrations finish before Orleans and Kestrel start.
        builder.Services.AddSingleton<DatabaseStartup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseStartup>());
        return builder;
    }

    public static WebApplicationBuilder AddCemServer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(CemOptions.Section).Get<CemOptions>() ?? new CemOptions();
        var cluster = settings.Cluster;
        builder.WebHost.ConfigureKestrel(RequestLimits.ConfigureKestrel);
        builder.Services.AddCemTrustedProxies(settings.Network);
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = BadRequestProblems.Customize);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Converters.Add(new CheckedStringJsonConverter());
        });
        // Binding failures throw in every environment (not only Development), so ProblemExceptionHandler answers them
        // with the field at fault instead of an empty 400 (see BadRequestProblems).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        builder.AddCemFieldEncryption();
        builder.Services.AddSingleton<EventLogWriter>();
        builder.Services.AddSingleton<EventLogReader>();
        builder.Services.AddSingleton<Storage.OrgUnits.OrgUnitStore>();
        builder.Services.AddSingleton<OrgTreeCache>();
        // Identity: users, clients, the OpenIddict server and API authorization (after the migrations: hosted order).
        builder.Services.AddSingleton(sp => new IdentityHostContext(
            sp.GetRequiredService<ControlDatabase>().DataSource, sp.GetRequiredService<IOptions<CemOptions>>().Value.DataDirectory));
        builder.Services.AddCemIdentityServer(builder.Configuration);
        builder.Services.AddSingleton<CustomerVisibility>();
        builder.Services.AddSingleton<RegionalReader>();
        builder.Services.AddSingleton<CustomerResolution>();
        builder.Services.AddCemResidency();
        builder.Services.AddSingleton<SiloReadiness>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());
        builder.UseOrleans(silo =>
        {
            // Membership in the control database (or loopback development clustering), reminders, failure detection.
            silo.UseCemCluster(cluster);
            silo.AddCemGrainStorage();
            // Served regions as silo metadata; regional grains activate only on silos of their region.
            silo.UseCemRegionPlacement(NodeRegions.ServedOf(settings));
            // Let our exceptions (e.g. an unknown region) travel between silos and to clients with their message.
            silo.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(serialization => serialization.SupportedNamespacePrefixes.Add("CemOnPrem"));
        });
        // Before the packs and the demo seeder: their start-up records go through the audit appender.
        builder.AddCemAudit(sp => sp.GetRequiredService<IOptions<CemOptions>>().Value.DataDirectory);
        // After the audit appender: creating the demo admin and client is recorded.
        builder.Services.AddHostedService<Demo.DevCredentials>();
        builder.Services.AddHostedService<Demo.DemoSeeder>();
        builder.Services.AddHostedService<Demo.DemoCaseClosures>();
        builder.Services.AddSingleton<Demo.DemoInvitations>();
        builder.Services.AddHostedService<Demo.DemoSurveyResponses>();
        // SIGTERM: Kestrel stops taking requests and drains, the silo deactivates its grains and leaves the cluster,
        // queued ingest commits; all within this budget, after which the host cancels the stop and the guard ends the
        // process if something still waits (for a database that is down, say).
        var budget = ShutdownBudget.Of(cluster.ShutdownTimeoutSeconds);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = budget.HostTimeout);
        builder.Services.AddHostedService<ShutdownGuard>();
        return builder;
    }

    public static WebApplication UseCemPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Before anything reads the source address (request log, rate limits, login failure budget, audit).
        app.UseCemTrustedProxies(app.Services.GetRequiredService<IOptions<CemOptions>>().Value.Network);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging(options =>
        {
            options.GetLevel = RequestLogLevel.Of;
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>(); // the host's own (see LoggingSetup), not the static one
        });
        app.UseBadRequestProblems();
        app.UseRequestLimits();
        // Before authentication: OpenIddict, antiforgery and the login form read forms that must already be clean.
        app.UseControlCharacterGuard();
        // Denials are recorded outside authentication/authorization, so their 401/403 are seen before the body is written.
        app.UseCemAuditDenials();
        app.UseCemIdentity();
        return app;
    }
}
