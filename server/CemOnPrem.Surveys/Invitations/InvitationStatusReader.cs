using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>An invitation's status and timestamps by id, from the served region databases (an id names no region).</summary>
public sealed class InvitationStatusReader(RegionDatabases regions)
{
    public async Task<InvitationStatusResponse?> FindAsync(IEnumerable<string> served, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(served);
        foreach (var region in served)
        {
            await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                """
                select invitation_id as Id, region, survey_key as SurveyKey, survey_version as SurveyVersion, origin, customer_id as CustomerId,
                       org_unit as OrgUnit, channel, language, status, reason, created_by as CreatedBy, created_at as CreatedAt, send_after as SendAfter,
                       sent_at as SentAt, delivered_at as DeliveredAt, opened_at as OpenedAt, started_at as StartedAt, completed_at as CompletedAt,
                       expires_at as ExpiresAt
                from invitations where invitation_id = @id
                """, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (row is not null)
            {
                return row.ToResponse();
            }
        }

        return null;
    }

    // A class with setters: Dapper's constructor matching is strict about timestamp types.
    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Region { get; set; } = "";
        public string SurveyKey { get; set; } = "";
        public string SurveyVersion { get; set; } = "";
        public string Origin { get; set; } = "";
        public string? CustomerId { get; set; }
        public string? OrgUnit { get; set; }
        public string Channel { get; set; } = "";
        public string Language { get; set; } = "";
        public string Status { get; set; } = "";
        public string? Reason { get; set; }
        public string CreatedBy { get; set; } = "";
        public DateTime CreatedAt { get; set; }
        public DateTime SendAfter { get; set; }
        public DateTime? SentAt { get; set; }
        public DateTime? DeliveredAt { get; set; }
        public DateTime? OpenedAt { get; set; }
        public DateTime? StartedAt { get; set; }
        public DateTime? CompletedAt { get; set; }
        public DateTime ExpiresAt { get; set; }

        public InvitationStatusResponse ToResponse() => new(Id, Region, SurveyKey, SurveyVersion, Origin, CustomerId, OrgUnit, Channel, Language, Status, Reason,
            CreatedBy, Utc(CreatedAt), Utc(SendAfter), Utc(SentAt), Utc(DeliveredAt), Utc(OpenedAt), Utc(StartedAt), Utc(CompletedAt), Utc(ExpiresAt));

        private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

        private static DateTimeOffset? Utc(DateTime? at) => at is { } value ? Utc(value) : null;
    }
}
