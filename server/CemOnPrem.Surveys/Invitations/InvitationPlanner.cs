using System.Text.Json;
using CemOnPrem.Cases.Calendars;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Distribution;
using Dapper;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// Turns due trigger decisions into invitations with their outbox rows, in one transaction per batch. The decisions
/// are claimed with <c>for update skip locked</c> and <c>decision_key</c> is unique, so nodes working at once share
/// the decisions and never make two invitations of one. Consent and the frequency cap are not decided here: the
/// dispatcher checks them when the invitation is due to go out (after quiet hours), which is "send time".
/// </summary>
public sealed class InvitationPlanner(
    RegionDatabases regions, ISurveyCatalog catalog, CalendarCache calendars, ChannelChoice channels, InvitationWriter writer,
    IOptions<InvitationOptions> options, TimeProvider time)
{
    private const int MaxAttributes = 50;
    private const int MaxAttributeLength = 200;

    /// <returns>How many decisions were carried out (invitations written, suppressed ones included).</returns>
    public async Task<int> RunOnceAsync(string region, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().ToUniversalTime();
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // A decision older than the expiry period would expire at once: it is left alone, which also bounds the scan.
        var due = (await connection.QueryAsync<DueDecision>(new CommandDefinition(
            """
            select d.pack_id as PackId, d.survey_id as SurveyId, d.cause, d.customer_id as CustomerId, d.due_at as DueAt
            from survey_invitations d
            where d.decision = 'invited' and d.due_at <= @now and d.due_at > @oldest
              and not exists (select 1 from invitations i where i.decision_key = d.pack_id || '/' || d.survey_id || '/' || d.cause)
            order by d.due_at
            limit @limit
            for update of d skip locked
            """, new { now, oldest = now.AddDays(-settings.ExpiryDays), limit = settings.Sending.BatchSize }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var customers = due.Select(d => d.CustomerId).Distinct(StringComparer.Ordinal).ToArray();
        var identityTypes = (await connection.QueryAsync<(string CustomerId, string Type)>(new CommandDefinition(
            "select distinct customer_id, id_type from customer_identities where customer_id = any(@customers)", new { customers }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToLookup(r => r.CustomerId, r => r.Type, StringComparer.Ordinal);
        var sequences = due.Select(d => d.EventSequence).OfType<long>().Distinct().ToArray();
        var events = (await connection.QueryAsync<(long Seq, string Attributes, string? OrgUnit, string? Touchpoint)>(new CommandDefinition(
            "select seq, attributes::text, org_unit, touchpoint from events where seq = any(@sequences)", new { sequences }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToDictionary(e => e.Seq);
        var zone = (await calendars.GetAsync(region, cancellationToken).ConfigureAwait(false)).Zone;

        var drafts = new List<InvitationDraft>(due.Count);
        foreach (var decision in due)
        {
            var survey = await catalog.FindAsync(SurveyKeys.ForPack(decision.PackId, decision.SurveyId), null, cancellationToken).ConfigureAwait(false);
            var cause = decision.EventSequence is { } seq && events.TryGetValue(seq, out var e) ? e : default;
            var attributes = Attributes(cause.Attributes);
            var channel = channels.Choose([.. identityTypes[decision.CustomerId]]);
            var dueAt = new DateTimeOffset(DateTime.SpecifyKind(decision.DueAt, DateTimeKind.Utc));
            // Quiet hours protect the customer from a message at night; a bare link reaches no one by itself.
            var sendAfter = channel == ChannelChoice.Link ? dueAt : QuietHours.SendAfter(dueAt, zone, settings.QuietHours);
            drafts.Add(new InvitationDraft
            {
                Region = region,
                SurveyKey = SurveyKeys.ForPack(decision.PackId, decision.SurveyId),
                SurveyVersion = survey?.Version ?? "",
                Origin = "trigger",
                DecisionKey = decision.DecisionKey,
                CustomerId = decision.CustomerId,
                OrgUnit = cause.OrgUnit,
                Touchpoint = cause.Touchpoint,
                Journey = decision.JourneyTemplate,
                Attributes = attributes,
                Language = InvitationLanguage.Choose(attributes, settings.LanguageOf(region), survey?.Languages ?? []),
                Channel = channel,
                CreatedBy = "trigger",
                SendAfter = sendAfter,
                ExpiresAt = sendAfter.AddDays(settings.ExpiryDays),
                SuppressedReason = survey is null ? "survey-unavailable" : null,
            });
        }

        var created = await writer.WriteAsync(connection, transaction, region, drafts, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created.Count;
    }

    /// <summary>The triggering event's operational attributes (personal ones never reach this column), bounded in number and size.</summary>
    private static Dictionary<string, string> Attributes(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        var all = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];
        return all.Where(a => a.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            .Select(a => (a.Key, Value: a.Value.ValueKind == JsonValueKind.String ? a.Value.GetString()! : a.Value.GetRawText()))
            .Where(a => a.Key.Length <= 64 && a.Value.Length <= MaxAttributeLength)
            .OrderBy(a => a.Key, StringComparer.Ordinal).Take(MaxAttributes)
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
    }
}
