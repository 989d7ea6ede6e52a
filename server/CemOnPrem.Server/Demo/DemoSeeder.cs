using CemOnPrem.Analytics.Model;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Ingest;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.OrgUnits;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Server.Demo;

/// <summary>
/// For <c>./cem run</c> (<c>Cem:Demo:Seed=true</c>): feeds synthetic customers and events through the
/// real ingest path once the server is up. Event ids are deterministic, so a restart replays them
/// harmlessly instead of doubling the data.
/// </summary>
internal sealed partial class DemoSeeder(
    IOptions<CemOptions> options, RegionDatabases regions, RegionWriters writers, OrgUnitStore orgUnits, IAnalyticsModels models,
    IHostApplicationLifetime lifetime, TimeProvider time, ILogger<DemoSeeder> logger, Cases.Calendars.CalendarStore calendars) : BackgroundService
{
    private const int EventsPerRequest = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await DemoStart.WaitAsync(options.Value, lifetime, stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        // The tree first: events refer to its units, and numbers roll up along it.
        await orgUnits.UpsertAsync(DemoOrgTree.For(regions.Regions), stoppingToken).ConfigureAwait(false);
        await DemoCalendars.SeedAsync(calendars, regions.Regions, stoppingToken).ConfigureAwait(false);
        var journeys = models.Current.Journeys.Select(machine => machine.Template).ToList();
        var events = DemoData.Generate(regions.Regions, journeys, options.Value.Demo.Customers, time.GetUtcNow());
        int stored = 0, replayed = 0;
        foreach (var chunk in events.GroupBy(e => e.Region).SelectMany(group => group.Chunk(EventsPerRequest)))
        {
            PendingAppend? pending;
            while ((pending = writers.TryEnqueue(chunk[0].Region, chunk)) is null)
            {
                await Task.Delay(100, stoppingToken).ConfigureAwait(false);
            }

            var receipts = await pending.Completion.WaitAsync(stoppingToken).ConfigureAwait(false);
            stored += receipts.Count(r => !r.Duplicate);
            replayed += receipts.Count(r => r.Duplicate);
        }

        LogSeeded(logger, stored, replayed, options.Value.Demo.Customers);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Stored} events stored, {Replayed} already present, for {Customers} synthetic customers walking the packs' journeys")]
    private static partial void LogSeeded(ILogger logger, int stored, int replayed, int customers);
}
