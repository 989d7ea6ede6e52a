using CemOnPrem.Governance;
using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Invitations;
using Dapper;
using Npgsql;

namespace CemOnPrem.Server.Demo;

/// <summary>
/// For <c>./cem run</c>: the demo's customers are seeded without survey consent, so the projection's trigger decisions
/// are all suppressed (<c>no-consent</c>), as they would be for real customers who never agreed. To show the rest of the
/// loop, the first demo customers of a region that has no sent invitation yet grant their survey's consent purpose and
/// are invited by hand through the real path (<see cref="ManualInvitations"/>: consent and frequency cap checked, the
/// invitation and its outbox row written, a link invitation sent at once).
/// </summary>
internal sealed class DemoInvitations(ConsentLedger consents, ManualInvitations invitations)
{
    private const int PerRegion = 60;

    public async Task<int> EnsureAsync(NpgsqlConnection connection, string region, IReadOnlyList<PublishedSurvey> surveys, CancellationToken cancellationToken)
    {
        var packSurveys = surveys.Where(s => s.PackId is not null).ToList();
        if (packSurveys.Count == 0 || await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select 1 from invitations where status <> 'suppressed')", cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            return 0;
        }

        var customers = (await connection.QueryAsync<(string CustomerId, string? OrgUnit)>(new CommandDefinition(
            """
            select c.customer_id, (select e.org_unit from events e where e.customer_id = c.customer_id order by e.seq desc limit 1)
            from customers c where c.merged_into is null order by c.customer_id limit @limit
            """, new { limit = PerRegion }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        var sent = 0;
        foreach (var (customerId, orgUnit) in customers)
        {
            var survey = packSurveys[sent % packSurveys.Count];
            await consents.RecordAsync(region, customerId, new ConsentChange(survey.Template.ConsentPurpose, ConsentStatuses.Granted, "demo", "demo-1", "demo"),
                cancellationToken).ConfigureAwait(false);
            var result = await invitations.CreateAsync(
                new ManualInvitation(region, survey.Key, customerId, orgUnit, null, "link", null, IgnoreFrequencyCap: false, CreatedBy: "demo"),
                cancellationToken).ConfigureAwait(false);
            sent += result?.Status == "sent" ? 1 : 0;
        }

        return sent;
    }
}
