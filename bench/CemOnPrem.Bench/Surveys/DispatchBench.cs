using System.Diagnostics;
using CemOnPrem.Bench.Infrastructure;
using CemOnPrem.Cases.Calendars;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Governance;
using CemOnPrem.Packs.Hosting;
using CemOnPrem.Packs.Hosting.Loading;
using CemOnPrem.Packs.Hosting.State;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Encryption;
using CemOnPrem.Storage.Events;
using CemOnPrem.Storage.Migrations;
using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Distribution;
using CemOnPrem.Surveys.Invitations;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Bench.Surveys;

/// <summary>
/// Part of <c>./cem bench surveys</c>: invitations dispatched per second through the survey outbox on one node. A
/// fresh PostgreSQL (fsync on), the banking pack's <c>post-branch-visit</c> survey through the real catalog, customers
/// with a phone identity (encrypted, as ingest stores them), consent granted, and one due trigger decision each;
/// then the real planner and dispatcher (gate: consent and cap; webhook: signed POST of the decrypted address) run as a
/// node's workers do until every invitation is sent to a loopback gateway that answers 200. Target: ≥ 1,000/s.
/// </summary>
internal static class DispatchBench
{
    private const string Region = "cn-east";
    private const string Secret = "bench-gateway-secret-0123456789abcdef";

    private static long _calls;

    public static async Task<DispatchResults> RunAsync(int invitations, string? dataDirectory, bool keep, CancellationToken cancellationToken)
    {
        await using var postgres = await BenchPostgres.StartAsync(dataDirectory, keep);
        var control = postgres.ConnectionString("cem_control");
        var region = postgres.ConnectionString("cem_cn_east");
        await SchemaMigrator.MigrateAsync(control, SchemaKind.Control, NullLogger.Instance, cancellationToken);
        await SchemaMigrator.MigrateAsync(region, SchemaKind.Region, NullLogger.Instance, cancellationToken);
        var regions = new RegionDatabases(new Dictionary<string, string> { [Region] = region });
        await RegionPinning.EnsureAsync(regions.For(Region), Region, cancellationToken);
        await using var gateway = await GatewayAsync();
        await using var services = await ServicesAsync(postgres, control, regions, gateway.Urls.First() + "/gateway");
        var catalog = services.GetRequiredService<ISurveyCatalog>();
        var survey = (await catalog.ListAsync(cancellationToken)).FirstOrDefault(s => s.Template.Id == "post-branch-visit")
                     ?? throw new InvalidOperationException("The banking pack's post-branch-visit survey is not loaded: dotnet build plugins/CemOnPrem.Packs.Banking -c Release");
        await SeedAsync(services, regions, survey, invitations, cancellationToken);
        Console.WriteLine($"dispatch: {invitations:N0} due decisions seeded; dispatching through the outbox to a loopback gateway");

        var planner = services.GetRequiredService<InvitationPlanner>();
        var dispatcher = services.GetRequiredService<SurveyOutboxDispatcher>();
        var clock = Stopwatch.StartNew();
        var planning = Task.Run(async () =>
        {
            while (await planner.RunOnceAsync(Region, cancellationToken) > 0)
            {
            }
        }, cancellationToken);
        int sent;
        do
        {
            if (await dispatcher.RunOnceAsync(Region, cancellationToken) == 0)
            {
                await Task.Delay(20, cancellationToken);
            }

            await using var connection = await regions.For(Region).OpenConnectionAsync(cancellationToken);
            sent = await connection.ExecuteScalarAsync<int>("select count(*)::int from invitations where status = 'sent'");
        }
        while (sent < invitations && clock.Elapsed < TimeSpan.FromMinutes(10));

        await planning;
        var seconds = clock.Elapsed.TotalSeconds;
        var results = new DispatchResults
        {
            Invitations = invitations, Sent = sent, Seconds = seconds, InvitationsPerSecond = sent / seconds, GatewayCalls = Interlocked.Read(ref _calls),
        };
        Console.WriteLine($"dispatch: {sent:N0} invitations sent in {seconds:0.0} s = {results.InvitationsPerSecond:N0}/s ({results.GatewayCalls:N0} gateway calls)");
        return results;
    }

    private static async Task<WebApplication> GatewayAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/gateway", () =>
        {
            Interlocked.Increment(ref _calls);
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }

    private static async Task<ServiceProvider> ServicesAsync(BenchPostgres postgres, string control, RegionDatabases regions, string gatewayUrl)
    {
        var packs = CemOnPrem.Bench.Cases.CasesBench.StageBankingPack(postgres.Directory);
        var registry = new PackRegistry(new PackHostOptions { Directory = packs, AllowUnsigned = true }, new InMemoryPackStateStore(), NullLogger<PackRegistry>.Instance,
            new McMasterPackAssemblyLoader(), TimeProvider.System);
        await registry.LoadAsync(CancellationToken.None);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new ControlDatabase(control));
        services.AddSingleton(regions);
        services.AddSingleton(new FieldProtection(regions, new FileKeyEncryptionKeyProvider(Path.Combine(postgres.Directory, "keys")), new PersonalDataOptions()));
        services.AddSingleton<EventLogReader>();
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<CalendarCache>();
        services.AddSingleton(registry);
        services.AddSingleton(Options.Create(new PrivacyOptions()));
        services.AddSingleton<ConsentPurposes>();
        services.AddSingleton<PackSurveyCatalog>();
        services.AddSingleton<SurveyVersionStore>();
        services.AddSingleton<ISurveyCatalog, SurveyCatalog>();
        services.AddSingleton(Options.Create(new InvitationOptions { PublicBaseUrl = "https://survey.bank.example", QuietHours = new() { Start = new(0, 0), End = new(0, 0) } }));
        services.AddSingleton(Options.Create(new DistributionOptions()));
        services.AddSingleton(Options.Create(new GatewayOptions { Url = gatewayUrl, Secret = Secret, AllowHttp = true }));
        SurveyInvitationsSetup.AddInvitationServices(services);
        SurveyDistributionSetup.AddDistributionServices(services, new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }

    /// <summary>Customers with a phone (through the event log writer, so identities are encrypted), consent, and a due decision each.</summary>
    private static async Task SeedAsync(ServiceProvider services, RegionDatabases regions, PublishedSurvey survey, int count, CancellationToken cancellationToken)
    {
        var writer = new EventLogWriter(regions, TimeProvider.System, services.GetRequiredService<FieldProtection>());
        var customers = new List<(string Customer, long Sequence)>(count);
        foreach (var chunk in Enumerable.Range(0, count).Chunk(500))
        {
            var events = chunk.Select(i => new NewEvent("bench-dispatch", $"d-{i}", Region, "touchpoint", "branch-visit-completed", "sh-branch-1", DateTimeOffset.UtcNow,
                [new CustomerIdentity("phone", $"+86138{i:D8}")], new Dictionary<string, string> { ["language"] = "zh-CN" }, new Dictionary<string, double>(), null)).ToList();
            var outcome = await writer.AppendAsync(Region, events, cancellationToken);
            customers.AddRange(outcome.Receipts.Select(r => (r.CustomerId, r.Sequence)));
        }

        await using var connection = await regions.For(Region).OpenConnectionAsync(cancellationToken);
        var ids = customers.Select(c => c.Customer).ToArray();
        await connection.ExecuteAsync(
            """
            insert into consent_entries (customer_id, region, purpose, version, status, recorded_at, source, policy_version, recorded_by)
            select c, @region, @purpose, 1, 'granted', now(), 'bench', '1', 'bench' from unnest(@ids) as c;
            insert into survey_invitations (pack_id, survey_id, cause, customer_id, region, due_at, decision, reason, decided_at)
            select @pack, @survey, 'event:' || s, c, @region, now() - interval '1 minute', 'invited', null, now() from unnest(@ids, @seqs) as t (c, s)
            """, new { region = Region, purpose = survey.Template.ConsentPurpose, ids, seqs = customers.Select(c => c.Sequence).ToArray(), pack = survey.PackId, survey = survey.Template.Id });
    }
}
