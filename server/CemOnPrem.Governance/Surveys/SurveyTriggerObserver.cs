using CemOnPrem.Packs.Hosting;
using CemOnPrem.Analytics.Projection;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Governance.Surveys;

/// <summary>
/// Evaluates the active packs' survey triggers as an output of the analytics projection: for each customer the cycle
/// derived, every trigger occurrence not yet decided becomes a <c>survey_invitations</c> row — <c>invited</c> when the
/// customer allows the survey's consent purpose at that moment, else <c>suppressed</c> with the reason. The row's key
/// (pack, survey, cause) makes re-derivation a no-op; the cycle's transaction makes it exactly once. Nothing is sent
/// yet: distribution (e-mail, link) reads the invited rows in a later issue.
/// </summary>
public sealed partial class SurveyTriggerObserver(PackRegistry packs, ConsentPurposes purposes, IOptions<PrivacyOptions> options,
    ILogger<SurveyTriggerObserver> logger) : IProjectionObserver
{
    public async Task ObserveAsync(ProjectionObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var surveys = packs.ActivePacks.SelectMany(pack => pack.Content.Surveys.Select(survey => (Pack: pack.Content.Manifest.Id, Survey: survey))).ToList();
        if (surveys.Count == 0 || observation.States.Count == 0)
        {
            return;
        }

        var oldest = observation.Now.AddDays(-options.Value.SurveyCauseMaxAgeDays);
        var rows = new List<InvitationRow>();
        foreach (var state in observation.States)
        {
            var events = observation.Events.GetValueOrDefault(state.CustomerId) ?? [];
            foreach (var (pack, survey) in surveys)
            {
                foreach (var cause in SurveyCause.Find(survey.Trigger, events, state.Journeys).Where(c => c.OccurredAt >= oldest))
                {
                    rows.Add(new InvitationRow(pack, survey.Id, cause.Cause, state.CustomerId, cause.DueAt, survey.ConsentPurpose));
                }
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        var allowed = await AllowedAsync(observation, rows, cancellationToken).ConfigureAwait(false);
        var decided = rows.Select(row => allowed.Contains((row.CustomerId, row.Purpose))
            ? row with { Decision = "invited" }
            : row with { Decision = "suppressed", Reason = "no-consent:" + row.Purpose }).ToList();
        var written = await observation.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into survey_invitations (pack_id, survey_id, cause, customer_id, region, due_at, decision, reason, decided_at)
            select p, s, c, cu, @region, d, de, r, @now
            from unnest(@packs, @surveys, @causes, @customers, @dues, @decisions, @reasons) as t (p, s, c, cu, d, de, r)
            on conflict (pack_id, survey_id, cause) do nothing
            """,
            new
            {
                region = observation.Region,
                now = observation.Now,
                packs = decided.Select(r => r.Pack).ToArray(),
                surveys = decided.Select(r => r.Survey).ToArray(),
                causes = decided.Select(r => r.Cause).ToArray(),
                customers = decided.Select(r => r.CustomerId).ToArray(),
                dues = decided.Select(r => r.DueAt).ToArray(),
                decisions = decided.Select(r => r.Decision).ToArray(),
                reasons = decided.Select(r => r.Reason).ToArray(),
            }, observation.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (written > 0)
        {
            var suppressed = decided.Count(r => r.Decision == "suppressed");
            LogDecided(logger, observation.Region, written, suppressed);
        }
    }

    private async Task<HashSet<(string, string)>> AllowedAsync(ProjectionObservation observation, List<InvitationRow> rows, CancellationToken cancellationToken)
    {
        var customers = rows.Select(r => r.CustomerId).Distinct(StringComparer.Ordinal).ToArray();
        var wanted = rows.Select(r => r.Purpose).Distinct(StringComparer.Ordinal).ToArray();
        var latest = (await observation.Connection.QueryAsync<(string CustomerId, string Purpose, string Status)>(new CommandDefinition(
            """
            select distinct on (customer_id, purpose) customer_id, purpose, status from consent_entries
            where customer_id = any(@customers) and purpose = any(@wanted)
            order by customer_id, purpose, version desc
            """, new { customers, wanted }, observation.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => (r.CustomerId, r.Purpose), r => r.Status);
        var allowed = new HashSet<(string, string)>();
        foreach (var customer in customers)
        {
            foreach (var purpose in wanted)
            {
                if (purposes.BasisOf(purpose) is { } basis && ConsentStatuses.Allows(basis, latest.GetValueOrDefault((customer, purpose))))
                {
                    allowed.Add((customer, purpose));
                }
            }
        }

        return allowed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey triggers in region {Region}: {Written} newly decided; of the occurrences seen, {Suppressed} lack consent")]
    private static partial void LogDecided(ILogger logger, string region, int written, int suppressed);

    private sealed record InvitationRow(string Pack, string Survey, string Cause, string CustomerId, DateTimeOffset DueAt, string Purpose)
    {
        public string Decision { get; init; } = "";

        public string? Reason { get; init; }
    }
}
