using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Surveys.Statistics;

/// <summary>
/// Reads the funnel from <c>invitations</c> (R0090) in every region this node serves: one row per channel and org
/// unit, counted by which timestamps are set (the other parts set them as an invitation moves along), so a status
/// that moved on (sent → completed) still counts as sent.
/// </summary>
internal sealed class InvitationFunnelReader(RegionDatabases regions, TimeProvider time)
{
    private const string Filter = """
        survey_key = @key and created_at >= @start and created_at < @end
          and (@units::text[] is null or org_unit = any(@units)) and (@channel::text is null or channel = @channel)
        """;

    public async Task<Dictionary<(string Channel, string? OrgUnit), FunnelCounts>> ReadAsync(string key, StatisticsQuery query, CancellationToken cancellationToken)
    {
        var groups = new Dictionary<(string, string?), FunnelCounts>();
        var parameters = new { key, start = query.Start, end = query.End, units = query.OrgUnits?.ToArray(), channel = query.Channel, now = time.GetUtcNow() };
        foreach (var region in regions.Regions)
        {
            await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var rows = await connection.QueryAsync<FunnelRow>(new CommandDefinition(
                $"""
                select channel as Channel, org_unit as OrgUnit, count(*) as Created, count(sent_at) as Sent, count(delivered_at) as Delivered,
                       count(opened_at) as Opened, count(started_at) as Started, count(completed_at) as Completed,
                       count(*) filter (where status = 'expired' or (completed_at is null and status in ('pending', 'sent') and expires_at <= @now)) as Expired,
                       count(*) filter (where status = 'suppressed') as Suppressed,
                       array_agg(extract(epoch from completed_at - sent_at)::float8) filter (where completed_at is not null and sent_at is not null) as AnswerSeconds
                from invitations where {Filter}
                group by channel, org_unit
                """, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (var row in rows)
            {
                Of(groups, row.Channel, row.OrgUnit).Add(row.ToCounts());
            }

            var reasons = await connection.QueryAsync<(string Channel, string? OrgUnit, string Reason, long Count)>(new CommandDefinition(
                $"""
                select channel, org_unit, coalesce(nullif(split_part(reason, ':', 1), ''), 'unknown'), count(*)
                from invitations where {Filter} and status = 'suppressed'
                group by 1, 2, 3
                """, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (var (channel, orgUnit, reason, count) in reasons)
            {
                var counts = Of(groups, channel, orgUnit);
                counts.SuppressedReasons[reason] = counts.SuppressedReasons.GetValueOrDefault(reason) + count;
            }
        }

        return groups;
    }

    private static FunnelCounts Of(Dictionary<(string, string?), FunnelCounts> groups, string channel, string? orgUnit)
    {
        if (!groups.TryGetValue((channel, orgUnit), out var counts))
        {
            groups[(channel, orgUnit)] = counts = new FunnelCounts();
        }

        return counts;
    }

    // A class with setters: Dapper cannot match a float8[] column to a record constructor's array parameter.
    private sealed class FunnelRow
    {
        public string Channel { get; set; } = "";
        public string? OrgUnit { get; set; }
        public long Created { get; set; }
        public long Sent { get; set; }
        public long Delivered { get; set; }
        public long Opened { get; set; }
        public long Started { get; set; }
        public long Completed { get; set; }
        public long Expired { get; set; }
        public long Suppressed { get; set; }
        public double[]? AnswerSeconds { get; set; }

        public FunnelCounts ToCounts()
        {
            var counts = new FunnelCounts
            {
                Created = Created, Sent = Sent, Delivered = Delivered, Opened = Opened, Started = Started, Completed = Completed, Expired = Expired,
                Suppressed = Suppressed,
            };
            counts.AnswerSeconds.AddRange(AnswerSeconds ?? []);
            return counts;
        }
    }
}
