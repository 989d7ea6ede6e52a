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
/// (pack, survey, cause) makes re-derivation a no-op; the cycle's transaction makes it exactly once. The surveys module
/// (Invitations) turns the invited rows into invitations and checks consent again at send time.
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

    private Task<HashSet<(string CustomerId, string Purpose)>> AllowedAsync(ProjectionObservation observation, List<InvitationRow> rows,
        CancellationToken cancellationToken) =>
        SurveyConsent.AllowedAsync(observation.Connection, observation.Transaction, [.. rows.Select(r => r.CustomerId)], [.. rows.Select(r => r.Purpose)],
            purposes, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey triggers in region {Region}: {Written} newly decided; of the occurrences seen, {Suppressed} lack consent")]
    private static partial void LogDecided(ILogger logger, string region, int written, int suppressed);

    private sealed record InvitationRow(string Pack, string Survey, string Cause, string CustomerId, DateTimeOffset DueAt, string Purpose)
    {
        public string Decision { get; init; } = "";

        public string? Reason { get; init; }
    }
}
