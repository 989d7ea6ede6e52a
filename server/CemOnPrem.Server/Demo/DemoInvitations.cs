using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Invitations;
using Dapper;
using Npgsql;

namespace CemOnPrem.Server.Demo;

/// <summary>
/// STAND-IN until the invitations part sends the demo's invitations (switch <see cref="DemoSurveyResponses"/> to those
/// at merge and delete this class): when a region has no invitation at all, a few of its demo customers get a sent
/// invitation to an active pack survey, stored as the sending part stores them (<see cref="InvitationTokens.New"/>,
/// only the hash kept; origin <c>manual</c>, channel <c>link</c>, created by <c>demo</c>).
/// </summary>
internal static class DemoInvitations
{
    private const int PerRegion = 60;

    public static async Task<int> EnsureAsync(NpgsqlConnection connection, string region, IReadOnlyList<PublishedSurvey> surveys, CancellationToken cancellationToken)
    {
        if (surveys.Count == 0 || await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select 1 from invitations)", cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            return 0;
        }

        var customers = (await connection.QueryAsync<(string CustomerId, string? OrgUnit)>(new CommandDefinition(
            """
            select c.customer_id, (select e.org_unit from events e where e.customer_id = c.customer_id order by e.seq desc limit 1)
            from customers c where c.merged_into is null order by c.customer_id limit @limit
            """, new { limit = PerRegion }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        var count = 0;
        foreach (var (customerId, orgUnit) in customers)
        {
            var survey = surveys[count % surveys.Count];
            var (_, hash) = InvitationTokens.New();
            count += await connection.ExecuteAsync(new CommandDefinition(
                """
                insert into invitations (invitation_id, region, survey_key, survey_version, origin, customer_id, org_unit, touchpoint, language, channel,
                    token_hash, status, created_at, created_by, send_after, sent_at, expires_at)
                values (@id, @region, @Key, @Version, 'manual', @customerId, @orgUnit, @touchpoint, @language, 'link', @hash, 'sent', now(), 'demo', now(), now(),
                    now() + interval '14 days')
                """,
                new
                {
                    id = Guid.CreateVersion7(), region, survey.Key, survey.Version, customerId, orgUnit, touchpoint = survey.Template.Trigger.Touchpoint,
                    language = region.StartsWith("cn", StringComparison.Ordinal) ? "zh" : "en", hash,
                },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return count;
    }
}
