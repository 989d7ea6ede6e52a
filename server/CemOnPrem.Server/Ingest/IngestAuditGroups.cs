using System.Globalization;
using CemOnPrem.Audit;
using CemOnPrem.Audit.Records;

namespace CemOnPrem.Server.Ingest;

/// <summary>
/// The audit of single-event ingest, one record per client per group commit instead of one per HTTP request: the
/// requests of one region-writer transaction that share actor, purpose and route become one record
/// <c>requests=N events=M</c>, appended while the events commit. Every request still waits for its group's record
/// and gets 503 if it cannot be committed (fail closed, as <see cref="Audit.Http.AuditAlongside"/>).
/// </summary>
/// <remarks>
/// Why: a record per request was one more indexed row and hash per event, 22 % of single-event throughput
/// (docs/performance.md), and at channel rates a trail of one row per event is unreadable. The record keeps the
/// trace id of the group's first request; the others are counted, not named.
/// </remarks>
internal static class IngestAuditGroups
{
    /// <summary>Starts one record per group of <paramref name="batch"/>; each pending's <c>Recorded</c> follows its group's.</summary>
    public static void Start(IAuditTrail trail, string region, IReadOnlyList<PendingAppend> batch)
    {
        foreach (var group in batch.Where(p => p.Audit is not null).GroupBy(p => KeyOf(p.Audit!), StringComparer.Ordinal))
        {
            var members = group.ToList();
            var first = members[0].Audit!;
            var events = members.Sum(p => p.Events.Count);
            Task record;
            try
            {
                record = trail.RecordAsync(first with
                {
                    Region = region,
                    Detail = string.Create(CultureInfo.InvariantCulture, $"requests={members.Count} events={events}"),
                });
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                record = Task.FromException(ex);
            }

            _ = record.ContinueWith(
                (done, state) =>
                {
                    foreach (var pending in (List<PendingAppend>)state!)
                    {
                        pending.Recorded(done.Exception?.InnerException);
                    }
                },
                members, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private static string KeyOf(AuditEntry entry) =>
        string.Join('\n', entry.Action, entry.Resource, entry.Purpose ?? "", entry.Actor?.Id ?? "", string.Join(',', entry.Actor?.Roles ?? []));
}
