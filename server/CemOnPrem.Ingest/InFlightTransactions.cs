using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Ingest;

/// <summary>
/// The region writer's transactions still running, each with the identities it stitches. A new transaction that
/// shares an identity with a running one starts only after that one has finished.
/// </summary>
/// <remarks>
/// Two transactions that both meet a new identity both plan to create its customer; the second one's insert waits
/// for the first one's commit, finds the identity taken and the whole transaction is rolled back and redone
/// (<see cref="EventLogWriter"/>). With large batches of first-time customers that happened to more transactions
/// than were committed (batch bench: 72 rollbacks beside ~50 ingest commits, docs/performance.md). Waiting first
/// costs nothing when the groups are disjoint, the usual case for small groups, which keep overlapping commits.
/// Only the writer's loop uses an instance: no locking.
/// </remarks>
internal sealed class InFlightTransactions
{
    private readonly List<(Task Done, HashSet<CustomerIdentity> Identities)> _running = [];

    public static HashSet<CustomerIdentity> IdentitiesOf(IEnumerable<PendingAppend> requests) =>
        [.. requests.SelectMany(request => request.Events).SelectMany(e => e.Identities)];

    /// <summary>Completes once no running transaction shares an identity with <paramref name="identities"/>.</summary>
    public async Task WaitForOverlapsAsync(HashSet<CustomerIdentity> identities)
    {
        _running.RemoveAll(transaction => transaction.Done.IsCompleted);
        foreach (var (done, running) in _running)
        {
            if (running.Overlaps(identities))
            {
                await done.ConfigureAwait(false);
            }
        }
    }

    /// <param name="done">Must not fault: the writer answers failures to the requests and completes this normally.</param>
    public void Add(Task done, HashSet<CustomerIdentity> identities) => _running.Add((done, identities));
}
