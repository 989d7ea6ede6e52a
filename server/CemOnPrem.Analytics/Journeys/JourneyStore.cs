using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Analytics.Journeys;

/// <summary>Reads derived journeys from a region database.</summary>
public sealed class JourneyStore(RegionDatabases regions)
{
    private const string Columns =
        "customer_id as CustomerId, template_id as TemplateId, instance, status, current_stage as CurrentStage, " +
        "started_at as StartedAt, ended_at as EndedAt, stages::text as StagesJson";

    public async Task<IReadOnlyList<JourneyRow>> ReadAsync(string region, string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"select {Columns} from journeys where customer_id = @customerId order by started_at, template_id, instance",
            new { customerId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(row => row.ToJourney())];
    }

    public async Task<JourneyRow?> FindAsync(string region, string customerId, string templateId, int instance, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from journeys where customer_id = @customerId and template_id = @templateId and instance = @instance",
            new { customerId, templateId, instance }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToJourney();
    }

    private sealed class Row
    {
        public string CustomerId { get; init; } = "";
        public string TemplateId { get; init; } = "";
        public int Instance { get; init; }
        public string Status { get; init; } = "";
        public string CurrentStage { get; init; } = "";
        public DateTime StartedAt { get; init; }
        public DateTime? EndedAt { get; init; }
        public string StagesJson { get; init; } = "[]";

        public JourneyRow ToJourney() => new(CustomerId, TemplateId, Instance, Status, CurrentStage,
            new DateTimeOffset(DateTime.SpecifyKind(StartedAt, DateTimeKind.Utc)),
            EndedAt is { } ended ? new DateTimeOffset(DateTime.SpecifyKind(ended, DateTimeKind.Utc)) : null, StagesJson);
    }
}
