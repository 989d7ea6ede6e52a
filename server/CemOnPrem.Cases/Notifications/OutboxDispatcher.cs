using System.Text.Json;
using CemOnPrem.Delivery;
using CemOnPrem.Storage.Databases;
using Dapper;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Notifications;

/// <summary>
/// Delivers due outbox rows. A claim is a short transaction that moves <c>next_attempt_at</c> to the lease's end and
/// stamps a lease token; the HTTP call or SMTP exchange runs outside any transaction; the result is written only while
/// the token still holds. A node that dies mid-delivery leaves the row to come due again when its lease ends, so
/// delivery is at least once (receivers de-duplicate on X-Cem-Delivery, the outbox id).
/// </summary>
public sealed class OutboxDispatcher(
    RegionDatabases regions, WebhookSubscriptions subscriptions, AssigneeMailboxes mailboxes, WebhookSender webhooks, CaseMailer mailer,
    IOptions<NotificationsOptions> options)
{
    /// <returns>How many deliveries were attempted.</returns>
    public async Task<int> RunOnceAsync(string region, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var token = Guid.NewGuid();
        var source = regions.For(region);
        List<Claimed> claimed;
        await using (var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed = [.. await connection.QueryAsync<Claimed>(new CommandDefinition(
                """
                update case_outbox set next_attempt_at = now() + make_interval(secs => @lease), lease_token = @token, attempts = attempts + 1
                where outbox_id in (select outbox_id from case_outbox where state = 'pending' and next_attempt_at <= now()
                                    order by next_attempt_at limit @limit for update skip locked)
                returning outbox_id as Id, event as Event, kind as Kind, target as Target, payload::text as Payload, attempts as Attempts
                """, new { lease = settings.LeaseSeconds, token, limit = settings.BatchSize }, cancellationToken: cancellationToken)).ConfigureAwait(false)];
        }

        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            var result = await DeliverAsync(row, ct).ConfigureAwait(false);
            await RecordAsync(source, row, token, result, settings, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return claimed.Count;
    }

    private async Task<DeliveryResult> DeliverAsync(Claimed row, CancellationToken cancellationToken)
    {
        if (row.Kind == "webhook")
        {
            return Guid.TryParse(row.Target, out var id) && await subscriptions.EndpointAsync(id, cancellationToken).ConfigureAwait(false) is { } endpoint
                ? await webhooks.SendAsync(NotificationsSetup.WebhookClientName, endpoint.Url, endpoint.Secret, row.Id, row.Event, row.Payload, cancellationToken).ConfigureAwait(false)
                : DeliveryResult.Fail("the subscription was deleted or disabled");
        }

        var addresses = await mailboxes.FindAsync([row.Target], cancellationToken).ConfigureAwait(false);
        if (!addresses.TryGetValue(row.Target, out var address))
        {
            return DeliveryResult.Fail("the assignee has no e-mail address (or is disabled)");
        }

        var notification = JsonSerializer.Deserialize<CaseNotification>(row.Payload)
                           ?? throw new InvalidOperationException("An outbox payload is empty.");
        return await mailer.SendAsync(address, notification, cancellationToken).ConfigureAwait(false);
    }

    private static async Task RecordAsync(Npgsql.NpgsqlDataSource source, Claimed row, Guid token, DeliveryResult result, NotificationsOptions settings,
        CancellationToken cancellationToken)
    {
        var (state, delay, error) = AttemptOutcome.Of(result, row.Attempts, settings);
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            update case_outbox
            set state = @state, lease_token = null, last_error = @error,
                delivered_at = case when @state = 'delivered' then now() end,
                next_attempt_at = now() + make_interval(secs => @delay)
            where outbox_id = @id and lease_token = @token
            """, new { state, error, delay, id = row.Id, token }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed record Claimed(Guid Id, string Event, string Kind, string Target, string Payload, int Attempts);
}
