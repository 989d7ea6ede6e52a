using CemOnPrem.Storage.Databases;
using Dapper;
using Npgsql;

namespace CemOnPrem.Governance.Requests;

/// <summary>Data-subject requests, stored in the subject's region database (table <c>privacy_requests</c>).</summary>
public sealed class PrivacyRequestStore(RegionDatabases regions)
{
    internal const string Columns =
        "request_id as RequestId, region, type, status, customer_id as CustomerId, received_at as ReceivedAt, due_at as DueAt, " +
        "requested_by as RequestedBy, approved_by as ApprovedBy, approved_at as ApprovedAt, closed_at as ClosedAt, note";

    public async Task InsertAsync(PrivacyRequest request, string? changesJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await regions.For(request.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into privacy_requests (request_id, region, type, status, customer_id, received_at, due_at, requested_by, note, changes)
            values (@RequestId, @Region, @Type, @Status, @CustomerId, @ReceivedAt, @DueAt, @RequestedBy, @Note, @changes::jsonb)
            """,
            new { request.RequestId, request.Region, request.Type, request.Status, request.CustomerId, request.ReceivedAt, request.DueAt, request.RequestedBy,
                request.Note, changes = changesJson },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Looks in every region (a request id is a UUID: unique across them).</summary>
    public async Task<PrivacyRequest?> FindAsync(Guid requestId, CancellationToken cancellationToken)
    {
        foreach (var region in regions.Regions)
        {
            await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (await connection.QuerySingleOrDefaultAsync<PrivacyRequest>(new CommandDefinition(
                    $"select {Columns} from privacy_requests where request_id = @requestId", new { requestId }, cancellationToken: cancellationToken))
                    .ConfigureAwait(false) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Requests of the given regions, newest first; <paramref name="overdueAt"/> keeps open ones past their deadline at that moment.</summary>
    public async Task<IReadOnlyList<PrivacyRequest>> ListAsync(IReadOnlySet<string> inRegions, string? status, DateTime? overdueAt, int limit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inRegions);
        var all = new List<PrivacyRequest>();
        foreach (var region in regions.Regions.Where(inRegions.Contains))
        {
            await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            all.AddRange(await connection.QueryAsync<PrivacyRequest>(new CommandDefinition(
                $"""
                select {Columns} from privacy_requests
                where (@status::text is null or status = @status)
                  and (@overdueAt::timestamptz is null or (status in ('received', 'approved') and due_at < @overdueAt))
                order by received_at desc limit @limit
                """, new { status, overdueAt, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false));
        }

        return [.. all.OrderByDescending(r => r.ReceivedAt).Take(limit)];
    }

    /// <summary>Moves an open request to another state when it is in <paramref name="from"/>; returns the request as it is afterwards.</summary>
    internal static async Task<PrivacyRequest?> TransitionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid requestId, string[] from,
        string to, string? approvedBy, DateTime now, string? note, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            update privacy_requests set status = @to,
                approved_by = coalesce(@approvedBy, approved_by), approved_at = case when @approvedBy::text is null then approved_at else @now end,
                closed_at = case when @to in ('completed', 'rejected') then @now else closed_at end,
                note = coalesce(@note, note),
                changes = case when @to in ('completed', 'rejected') then null else changes end
            where request_id = @requestId and status = any(@from)
            """, new { requestId, from, to, approvedBy, now, note }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<PrivacyRequest>(new CommandDefinition(
            $"select {Columns} from privacy_requests where request_id = @requestId", new { requestId }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }

    internal static async Task<string?> ChangesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid requestId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select changes::text from privacy_requests where request_id = @requestId for update", new { requestId }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
}
