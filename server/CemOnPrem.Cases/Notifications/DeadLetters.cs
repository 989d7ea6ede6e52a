using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Cases.Notifications;

/// <summary>The outbox rows that are dead, per region, and putting one back to be delivered.</summary>
public sealed class DeadLetters(RegionDatabases regions)
{
    public const int PageSize = 200;

    /// <returns>The region's newest dead deliveries, newest first.</returns>
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string region, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            select outbox_id as Id, region, case_id as CaseId, event, kind, target, attempts, last_error as LastError, created_at as CreatedAt
            from case_outbox where state = 'dead' order by created_at desc, outbox_id limit @limit
            """, new { limit = PageSize }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToDeadLetter())];
    }

    /// <returns>The delivery, due now with its attempts reset; null when no dead delivery has that id.</returns>
    public async Task<DeadLetter?> RetryAsync(string region, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            update case_outbox set state = 'pending', attempts = 0, next_attempt_at = now(), lease_token = null
            where outbox_id = @id and state = 'dead'
            returning outbox_id as Id, region, case_id as CaseId, event, kind, target, attempts, last_error as LastError, created_at as CreatedAt
            """, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToDeadLetter();
    }

    private sealed record Row(Guid Id, string Region, string CaseId, string Event, string Kind, string Target, int Attempts, string? LastError, DateTime CreatedAt)
    {
        public DeadLetter ToDeadLetter() =>
            new(Id, Region, CaseId, Event, Kind, Target, Attempts, LastError, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)));
    }
}
