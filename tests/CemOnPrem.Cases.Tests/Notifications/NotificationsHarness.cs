using CemOnPrem.Cases.Clocks;
using CemOnPrem.Cases.Notifications;
using CemOnPrem.Cases.Opening;
using CemOnPrem.Delivery;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Testing;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Tests.Notifications;

/// <summary>
/// The notification services as a node composes them (real fan-out, dispatcher, HTTP client and SMTP client) on the
/// fixture's databases, with settings a test chooses; plus writing cases and history the way the other parts do.
/// </summary>
public sealed class NotificationsHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public NotificationsHarness(MigratedDatabases databases, Action<NotificationsOptions>? notifications = null, SmtpOptions? smtp = null,
        IDataProtectionProvider? protection = null)
    {
        Databases = databases;
        var settings = new NotificationsOptions { AllowHttp = true, RetryBaseSeconds = 0.05, RetryMaxSeconds = 0.2, TimeoutSeconds = 5, LeaseSeconds = 10 };
        notifications?.Invoke(settings);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(databases.Control);
        services.AddSingleton(databases.Regions);
        services.AddSingleton(protection ?? new EphemeralDataProtectionProvider());
        services.AddSingleton(Options.Create(settings));
        services.AddSingleton(Options.Create(smtp ?? new SmtpOptions()));
        NotificationsSetup.AddNotificationServices(services, new ConfigurationBuilder().Build());
        _services = services.BuildServiceProvider();
    }

    public MigratedDatabases Databases { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public CaseOutboxFanOut FanOut => Get<CaseOutboxFanOut>();

    public OutboxDispatcher Dispatcher => Get<OutboxDispatcher>();

    public WebhookSubscriptions Subscriptions => Get<WebhookSubscriptions>();

    public Task<WebhookSubscription> SubscribeAsync(string url, string secret, string[]? events = null, string[]? regions = null) =>
        Subscriptions.CreateAsync(new ValidWebhook("test", url, events ?? [], regions ?? [], secret, false), "admin-test", TestContext.Current.CancellationToken);

    /// <summary>Fans out and dispatches until nothing is due or <paramref name="until"/> holds.</summary>
    public async Task PumpAsync(string region, Func<Task<bool>> until, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!await until())
        {
            Assert.True(DateTime.UtcNow < deadline, "the outbox did not reach the expected state in time");
            await FanOut.RunOnceAsync(region, TestContext.Current.CancellationToken);
            if (await Dispatcher.RunOnceAsync(region, TestContext.Current.CancellationToken) == 0)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }
    }

    /// <summary>Opens a case through <see cref="CaseOpening"/> (its 'opened' history entry included).</summary>
    public async Task<string> OpenCaseAsync(string region, string? assignee = null)
    {
        var opened = DateTimeOffset.UtcNow;
        var draft = new NewCase
        {
            CaseId = NewCase.NewId(), Region = region, Origin = "manual", CaseType = "complaint", QueueUnit = "north-01", Priority = 2,
            OpenedAt = opened, OpenedBy = "agent-1", CustomerId = null,
            Clocks = new CaseClockPlan(new CaseClock("sla", SlaUnit.BusinessDays, opened.AddDays(2), opened.AddDays(1.5), Pausable: false), null),
        };
        await using var connection = await Databases.Regions.For(region).OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await CaseOpening.InsertAsync(connection, transaction, [draft], TestContext.Current.CancellationToken);
        if (assignee is not null)
        {
            await connection.ExecuteAsync("update cases set assignee = @assignee, state = 'assigned' where case_id = @id", new { assignee, id = draft.CaseId }, transaction);
            await AddHistoryAsync(connection, transaction, region, draft.CaseId, "assigned", "assigned", $$"""{"assignee":"{{assignee}}"}""");
        }

        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        return draft.CaseId;
    }

    public async Task AddHistoryAsync(string region, string caseId, string action, string? toState = null)
    {
        await using var connection = await Databases.Regions.For(region).OpenConnectionAsync(TestContext.Current.CancellationToken);
        await AddHistoryAsync(connection, null, region, caseId, action, toState, "{}");
    }

    private static async Task AddHistoryAsync(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction? transaction, string region, string caseId, string action,
        string? toState, string detail) =>
        await connection.ExecuteAsync(
            "insert into case_history (case_id, region, at, actor, action, to_state, detail) values (@caseId, @region, now(), 'agent-1', @action, @toState, @detail::jsonb)",
            new { caseId, region, action, toState, detail }, transaction);

    /// <returns>The case's outbox rows: kind, target, event, state, attempts.</returns>
    public async Task<IReadOnlyList<OutboxRowView>> OutboxAsync(string region, string caseId)
    {
        await using var connection = await Databases.Regions.For(region).OpenConnectionAsync(TestContext.Current.CancellationToken);
        return [.. await connection.QueryAsync<OutboxRowView>(
            "select outbox_id as Id, kind, target, event, state, attempts, last_error as LastError from case_outbox where case_id = @caseId order by history_entry, kind, target",
            new { caseId })];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in await Subscriptions.ListAsync(CancellationToken.None))
        {
            await Subscriptions.DeleteAsync(subscription.Id, CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}

public sealed record OutboxRowView(Guid Id, string Kind, string Target, string Event, string State, int Attempts, string? LastError);
