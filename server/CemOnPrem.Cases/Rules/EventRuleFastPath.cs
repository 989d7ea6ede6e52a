using CemOnPrem.Analytics.Projection;
using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Rules;

/// <summary>
/// Opens the cases of event rules (a detractor answer, a complaint) right after their events commit, instead of waiting
/// for the analytics projection's next cycle — which under a burst runs seconds behind, as it derives journeys and
/// rollups for every customer. Every <c>FastPathMilliseconds</c> it reads the events committed since its last read
/// (<see cref="EventLogTail"/>), judges them with the same engine call as the projection's observer and opens the cases
/// through the same <see cref="CaseRuleOpening"/>. It is an accelerator, not the guarantee: the projection's observer
/// still evaluates every event and opens what this missed (events from before the node started, a read that failed);
/// the unique origin key makes whichever comes second a no-op. Every node runs it; two nodes racing for one firing
/// insert it once (the key), and <see cref="Opening.CaseOpening"/> inserts in key order so they never deadlock.
/// </summary>
public sealed partial class EventRuleFastPath(RegionDatabases regions, ActiveCaseRules rules, CaseDrafting drafting, Http.OrgUnits.OrgTreeCache orgTrees,
    IOptions<CaseRulesOptions> options, TimeProvider time, ILogger<EventRuleFastPath> logger) : BackgroundService
{
    private readonly CaseRuleOpening _opening = new(drafting, orgTrees);
    private readonly Dictionary<string, EventLogTail> _tails = new(StringComparer.Ordinal);

    /// <summary>Reads a region's new events once and opens their cases; returns how many it opened.</summary>
    public async Task<int> RunOnceAsync(string region, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (!_tails.TryGetValue(region, out var tail))
        {
            _tails[region] = await EventLogTail.StartAsync(connection, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var now = time.GetUtcNow();
        var oldest = now.AddDays(-options.Value.MaxAgeDays);
        var (events, next) = await tail.ReadAsync(connection, oldest, cancellationToken).ConfigureAwait(false);
        var eventRules = rules.Current().Where(r => r.Rule.Trigger.Event is not null && r.Rule.Trigger.Metric is null).ToList();
        var opened = 0;
        if (events.Count > 0 && eventRules.Count > 0)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var customers = events.Select(e => e.CustomerId).Distinct(StringComparer.Ordinal).ToList();
            var excluded = await ExcludedCustomers.AmongAsync(connection, transaction, customers, cancellationToken).ConfigureAwait(false);
            var firings = new List<RuleFiring>();
            foreach (var group in events.GroupBy(e => e.CustomerId, StringComparer.Ordinal))
            {
                // Objected to analytics-based processing: only rules without a score test (complaints) fire, as in the observer.
                firings.AddRange(EventFirings.Find(eventRules, [.. group], oldest, scoreTests: !excluded.Contains(group.Key)));
            }

            opened = await _opening.OpenAsync(connection, transaction, region, now, firings, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        // Moved on only once the cases are committed: a failure reads the same events again next time.
        _tails[region] = next;
        return opened;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.FastPath)
        {
            return;
        }

        var interval = TimeSpan.FromMilliseconds(options.Value.FastPathMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var region in regions.Regions)
            {
                try
                {
                    var opened = await RunOnceAsync(region, stoppingToken).ConfigureAwait(false);
                    if (opened > 0)
                    {
                        LogOpened(logger, region, opened);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Nothing was committed and the position did not move; the projection's observer opens these cases anyway.
                    LogFailed(logger, ex, region);
                }
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Case rules fast path in region {Region}: {Opened} cases opened")]
    private static partial void LogOpened(ILogger logger, string region, int opened);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case rules fast path failed in region {Region}; the projection opens these cases")]
    private static partial void LogFailed(ILogger logger, Exception exception, string region);
}
