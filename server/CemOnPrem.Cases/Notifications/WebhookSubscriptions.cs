using CemOnPrem.Storage.Databases;
using Dapper;
using Microsoft.AspNetCore.DataProtection;

namespace CemOnPrem.Cases.Notifications;

/// <summary>
/// The subscriptions in the control database. Secrets are stored protected by ASP.NET Core Data Protection (whose keys
/// the identity module keeps in the control database, so every node can unprotect them) and are only unprotected to sign.
/// </summary>
public sealed class WebhookSubscriptions(ControlDatabase control, IDataProtectionProvider protection, TimeProvider time)
{
    private const string Columns = "subscription_id as Id, name, url, events, regions, enabled, created_at as CreatedAt, created_by as CreatedBy";

    private readonly IDataProtector _protector = protection.CreateProtector("CemOnPrem.Cases.Notifications.WebhookSecret.v1");

    public async Task<WebhookSubscription> CreateAsync(ValidWebhook hook, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hook);
        var row = new WebhookSubscription(Guid.CreateVersion7(), hook.Name, hook.Url, hook.Events, hook.Regions, true, time.GetUtcNow(), actor);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into webhook_subscriptions (subscription_id, name, url, events, regions, enabled, secret_protected, created_at, created_by)
            values (@Id, @Name, @Url, @Events, @Regions, true, @Secret, @CreatedAt, @CreatedBy)
            """,
            new { row.Id, row.Name, row.Url, Events = hook.Events.ToArray(), Regions = hook.Regions.ToArray(), Secret = _protector.Protect(hook.Secret), row.CreatedAt, row.CreatedBy },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row;
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"select {Columns} from webhook_subscriptions order by created_at, subscription_id", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToSubscription())];
    }

    public async Task<WebhookSubscription?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from webhook_subscriptions where subscription_id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToSubscription();
    }

    /// <returns>The subscription as changed; null when there is none with that id. The secret changes only when <paramref name="rotate"/>.</returns>
    public async Task<WebhookSubscription?> UpdateAsync(Guid id, ValidWebhook hook, bool enabled, bool rotate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hook);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            update webhook_subscriptions
            set name = @Name, url = @Url, events = @Events, regions = @Regions, enabled = @enabled,
                secret_protected = case when @rotate then @Secret else secret_protected end
            where subscription_id = @id
            returning {Columns}
            """,
            new { id, hook.Name, hook.Url, Events = hook.Events.ToArray(), Regions = hook.Regions.ToArray(), enabled, rotate, Secret = _protector.Protect(hook.Secret) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToSubscription();
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from webhook_subscriptions where subscription_id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    /// <returns>The enabled subscriptions (for the fan-out's filters).</returns>
    public async Task<IReadOnlyList<WebhookSubscription>> EnabledAsync(CancellationToken cancellationToken) =>
        [.. (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(s => s.Enabled)];

    /// <returns>Where to send and the secret to sign with; null when the subscription is gone or disabled.</returns>
    public async Task<(string Url, string Secret)?> EndpointAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<EndpointRow>(new CommandDefinition(
            "select url, secret_protected as secret from webhook_subscriptions where subscription_id = @id and enabled", new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : (row.Url, _protector.Unprotect(row.Secret));
    }

    private sealed record EndpointRow(string Url, string Secret);

    // A class with setters, not a positional record: Dapper's constructor matching sees text[] as System.Array.
    private sealed class Row
    {
        public Guid Id { get; set; }

        public string Name { get; set; } = "";

        public string Url { get; set; } = "";

        public string[] Events { get; set; } = [];

        public string[] Regions { get; set; } = [];

        public bool Enabled { get; set; }

        public DateTime CreatedAt { get; set; }

        public string CreatedBy { get; set; } = "";

        public WebhookSubscription ToSubscription() =>
            new(Id, Name, Url, Events, Regions, Enabled, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)), CreatedBy);
    }
}
