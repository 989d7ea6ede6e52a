using System.Diagnostics.Metrics;
using System.Text.Json;
using CemOnPrem.Delivery;
using CemOnPrem.Storage.Databases;
using Dapper;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Notifications;

/// <summary>
/// Turns not-yet-notified <c>case_history</c> rows into outbox rows: one per matching webhook subscription and one per
/// e-mail, and marks the history rows notified in the SAME transaction. Rows are taken in entry order with
/// <c>for update skip locked</c>, so nodes racing share the work and each row is fanned out exactly once.
/// </summary>
public sealed class CaseOutboxFanOut(
    RegionDatabases regions, WebhookSubscriptions subscriptions, AssigneeMailboxes mailboxes,
    IOptions<NotificationsOptions> options, IOptions<SmtpOptions> smtp, TimeProvider time, IMeterFactory meters)
{
    private readonly Counter<long> _noMailbox = meters.Create("CemOnPrem.Cases").CreateCounter<long>(
        "cem.cases.notifications.email_skipped", description: "Case e-mails not written because the assignee has no e-mail address.");

    /// <returns>How many history rows were marked notified (0: nothing was waiting).</returns>
    public async Task<int> RunOnceAsync(string region, CancellationToken cancellationToken)
    {
        var hooks = await subscriptions.EnabledAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var entries = (await connection.QueryAsync<HistoryRow>(new CommandDefinition(
            """
            select h.entry_id as EntryId, h.case_id as CaseId, h.at as At, h.action as Action, h.to_state as ToState,
                   c.case_type as CaseType, coalesce(h.to_state, c.state) as State,
                   coalesce((h.detail->>'priority')::int, c.priority) as Priority,
                   coalesce(h.detail->>'queueUnit', c.queue_unit) as QueueUnit, c.org_unit as OrgUnit,
                   case when h.action = 'assigned' then coalesce(h.detail->>'assignee', c.assignee) else c.assignee end as Assignee,
                   c.escalation_level as EscalationLevel, c.sla_due_at as SlaDueAt, c.reg_due_at as RegDueAt
            from case_history h join cases c on c.case_id = h.case_id
            where not h.notified
            order by h.entry_id
            limit @limit
            for update of h skip locked
            """, new { limit = options.Value.BatchSize }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        if (entries.Count == 0)
        {
            return 0;
        }

        var mail = smtp.Value.IsEnabled
            ? await mailboxes.FindAsync([.. entries.Select(e => e.Assignee).OfType<string>().Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false)
            : null;
        var now = time.GetUtcNow();
        var rows = new List<OutboxRow>();
        foreach (var entry in entries)
        {
            if (CaseEvents.Of(entry.Action, entry.ToState) is not { } caseEvent)
            {
                continue;
            }

            var payload = JsonSerializer.Serialize(entry.ToNotification(region, caseEvent));
            rows.AddRange(hooks.Where(h => h.Matches(region, caseEvent))
                .Select(h => new OutboxRow(Guid.CreateVersion7(), region, entry.CaseId, entry.EntryId, caseEvent, "webhook", h.Id.ToString(), payload, now)));
            if (mail is not null && entry.Assignee is { } assignee)
            {
                if (mail.ContainsKey(assignee))
                {
                    rows.Add(new OutboxRow(Guid.CreateVersion7(), region, entry.CaseId, entry.EntryId, caseEvent, "email", assignee, payload, now));
                }
                else
                {
                    _noMailbox.Add(1, new KeyValuePair<string, object?>("region", region));
                }
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into case_outbox (outbox_id, region, case_id, history_entry, event, kind, target, payload, next_attempt_at, created_at)
            values (@Id, @Region, @CaseId, @HistoryEntry, @Event, @Kind, @Target, @Payload::jsonb, @Now, @Now)
            on conflict (history_entry, kind, target) do nothing
            """, rows, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "update case_history set notified = true where entry_id = any(@ids)", new { ids = entries.Select(e => e.EntryId).ToArray() },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return entries.Count;
    }

    private sealed record OutboxRow(Guid Id, string Region, string CaseId, long HistoryEntry, string Event, string Kind, string Target, string Payload, DateTimeOffset Now);

    private sealed record HistoryRow(long EntryId, string CaseId, DateTime At, string Action, string? ToState, string CaseType, string State, int Priority,
        string QueueUnit, string? OrgUnit, string? Assignee, int EscalationLevel, DateTime SlaDueAt, DateTime? RegDueAt)
    {
        public CaseNotification ToNotification(string region, string caseEvent) =>
            new(region, CaseId, caseEvent, Utc(At), EntryId, CaseType, State, Priority, QueueUnit, OrgUnit, Assignee, EscalationLevel, Utc(SlaDueAt),
                RegDueAt is { } due ? Utc(due) : null);

        private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }
}
