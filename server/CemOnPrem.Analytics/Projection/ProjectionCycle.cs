using Npgsql;
using NpgsqlTypes;
using CemOnPrem.Analytics.Rollups;

namespace CemOnPrem.Analytics.Projection;

/// <summary>
/// One step of the analytics projection of a region, in one transaction that holds the region's checkpoint row:
/// the customers touched by transactions in [watermark, new watermark) plus those with a journey timing out, their
/// events below the new watermark, and the contributions stored for them. <see cref="CommitAsync"/> writes the
/// rollup delta, the new per-customer state and the new watermark atomically, so each change counts exactly once.
/// </summary>
public sealed class ProjectionCycle : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    internal ProjectionCycle(NpgsqlConnection connection, NpgsqlTransaction transaction, string region, long watermark, long newWatermark,
        IReadOnlyList<string> customerIds, IReadOnlySet<string> restamped, IReadOnlySet<string> created, long erasures, bool hasMore,
        DateTimeOffset now)
    {
        Restamped = restamped;
        Created = created;
        Erasures = erasures;
        _connection = connection;
        _transaction = transaction;
        Region = region;
        Watermark = watermark;
        NewWatermark = newWatermark;
        CustomerIds = customerIds;
        HasMore = hasMore;
        Now = now;
    }

    public string Region { get; }

    public long Watermark { get; }

    public long NewWatermark { get; }

    /// <summary>Customers to derive again, sorted.</summary>
    public IReadOnlyList<string> CustomerIds { get; }

    /// <summary>
    /// Customers whose row was re-stamped in this cycle's range (merged away, consent changed, events rectified): their
    /// events below the watermark may have changed, so their history must be read from the log.
    /// </summary>
    public IReadOnlySet<string> Restamped { get; }

    /// <summary>Customers created in this cycle's range (R0071): they have no event below the watermark.</summary>
    public IReadOnlySet<string> Created { get; }

    /// <summary>
    /// The database's oldest running transaction is below the watermark: transaction ids were renumbered (a logical
    /// restore into a new cluster), and new events would wait below the watermark forever until the region is rebuilt.
    /// </summary>
    public bool WatermarkAhead { get; init; }

    /// <summary>How many erasures the region has had (R0070): a change means forget every history held in memory.</summary>
    public long Erasures { get; }

    /// <summary>True when the cycle was cut short by its limits: run the next one straight away.</summary>
    public bool HasMore { get; }

    /// <summary>The moment abandonment time-outs are judged against in this cycle.</summary>
    public DateTimeOffset Now { get; }

    /// <returns>Every event of the cycle's range [watermark, new watermark), per customer in log order.</returns>
    public Task<Dictionary<string, List<AnalyticsEventRow>>> ReadNewEventsAsync(CancellationToken cancellationToken) =>
        ProjectionSql.ReadRangeAsync(_connection, _transaction, Watermark, NewWatermark, cancellationToken);

    /// <returns>The events of <paramref name="customerIds"/> below the watermark (the part of their histories before this cycle).</returns>
    public Task<Dictionary<string, List<AnalyticsEventRow>>> ReadEarlierEventsAsync(IReadOnlyList<string> customerIds, CancellationToken cancellationToken) =>
        ProjectionSql.ReadBelowAsync(_connection, _transaction, customerIds, Watermark, cancellationToken);

    /// <returns>What each customer contributed so far (customers without a stored state are absent).</returns>
    public Task<Dictionary<string, StoredContribution>> ReadContributionsAsync(CancellationToken cancellationToken) =>
        ProjectionSql.ReadContributionsAsync(_connection, _transaction, CustomerIds, cancellationToken);

    /// <summary>Lets <paramref name="observer"/> write its own outputs of this cycle inside the cycle's transaction.</summary>
    public Task NotifyAsync(IProjectionObserver observer, IReadOnlyDictionary<string, List<AnalyticsEventRow>> events,
        IReadOnlyList<CustomerAnalyticsState> states, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return observer.ObserveAsync(new ProjectionObservation(_connection, _transaction, Region, Now, events, states), cancellationToken);
    }

    public async Task CommitAsync(RollupCells delta, IReadOnlyList<CustomerAnalyticsState> states, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delta);
        ArgumentNullException.ThrowIfNull(states);
        await RollupDelta.ApplyAsync(_connection, _transaction, delta, cancellationToken).ConfigureAwait(false);
        await ProjectionSql.ReplaceStatesAsync(_connection, _transaction, Region, CustomerIds, states, Now, NewWatermark, cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(
            "update analytics_checkpoint set watermark = $1, projected_at = $2, updated_at = now()", _connection, _transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = NewWatermark });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = Now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
