using CemOnPrem.Audit.Http;
using CemOnPrem.Cases;
using CemOnPrem.Governance;
using CemOnPrem.Ingest;
using CemOnPrem.Surveys;
using CemOnPrem.Identity.Endpoints;
using CemOnPrem.Analytics;
using CemOnPrem.Server.Customers;
using CemOnPrem.Server.Health;
using CemOnPrem.Server.Hosting;
using CemOnPrem.Server.OrgUnits;
using CemOnPrem.Server.Packs;
using CemOnPrem.Http.Masking;
using Microsoft.Extensions.Options;

var migrateOnly = args.Contains(MigrateOnly.Flag);
var builder = WebApplication.CreateBuilder(args.Where(arg => arg != MigrateOnly.Flag).ToArray());
builder.AddCemDefaults();
if (!migrateOnly)
{
    builder.AddCemServer();
    builder.AddCemPacks();
    builder.AddCemIngest();
    builder.AddCemAnalytics();
    builder.AddCemGovernance();
    builder.AddCemCases();
    builder.AddCemSurveys();
}

var app = builder.Build();
try
{
    if (migrateOnly)
    {
        _ = app.Services.GetRequiredService<IOptions<CemOnPrem.Http.Configuration.CemOptions>>().Value;
        return await MigrateOnly.RunAsync(app);
    }

    app.UseCemPipeline();
    app.MapHealthApi();
    app.MapConnectApi();
    app.MapCemIngest();
    app.MapCustomersApi();
    app.MapOrgUnitsApi();
    app.MapPacksApi();
    app.MapCemAnalytics();
    app.MapAuditApi();
    app.MapCemGovernance();
    app.MapCemCases();
    app.MapCemSurveys();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("Configuration is invalid:\n  " + string.Join("\n  ", ex.Failures));
    return 2;
}

/// <summary>Entry point; public for WebApplicationFactory in tests.</summary>
public partial class Program;
