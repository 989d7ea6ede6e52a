using CemOnPrem.Cases.Calendars;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Delivery;
using CemOnPrem.Governance;
using CemOnPrem.Packs.Hosting;
using CemOnPrem.Packs.Hosting.Loading;
using CemOnPrem.Packs.Hosting.State;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Events;
using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Distribution;
using CemOnPrem.Surveys.Invitations;
using CemOnPrem.Testing;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Tests.Support;

/// <summary>
/// The invitation and distribution services as a node composes them (real planner, gate, dispatcher, SMTP and HTTP
/// clients, consent rules, calendars and field encryption) on the fixture's databases, with settings a test chooses;
/// plus writing customers, consents and trigger decisions the way the other parts do.
/// </summary>
public sealed class SendingHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public SendingHarness(MigratedDatabases databases, Action<InvitationOptions>? invitations = null, SmtpOptions? smtp = null, GatewayOptions? gateway = null,
        Action<DistributionOptions>? distribution = null)
    {
        Databases = databases;
        var invitationSettings = new InvitationOptions { PublicBaseUrl = "https://survey.bank.example", QuietHours = new() { Start = new(0, 0), End = new(0, 0) } };
        invitations?.Invoke(invitationSettings);
        var distributionSettings = new DistributionOptions { RetryBaseSeconds = 0.05, RetryMaxSeconds = 0.2, TimeoutSeconds = 5, LeaseSeconds = 10, BankName = "Test Bank" };
        distribution?.Invoke(distributionSettings);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(databases.Control);
        services.AddSingleton(databases.Regions);
        services.AddSingleton(databases.Protection);
        services.AddSingleton<EventLogReader>();
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<CalendarCache>();
        services.AddSingleton(new PackRegistry(new PackHostOptions(), new InMemoryPackStateStore(), NullLogger<PackRegistry>.Instance, new McMasterPackAssemblyLoader(),
            TimeProvider.System));
        services.AddSingleton(Options.Create(new PrivacyOptions()));
        services.AddSingleton<ConsentPurposes>();
        services.AddSingleton<ISurveyCatalog, TestSurveyCatalog>();
        services.AddSingleton(Options.Create(invitationSettings));
        services.AddSingleton(Options.Create(distributionSettings));
        services.AddSingleton(Options.Create(gateway ?? new GatewayOptions()));
        services.Configure<SmtpOptions>(SurveySmtp.Name, o =>
        {
            var given = smtp ?? new SmtpOptions();
            (o.Host, o.Port, o.Security, o.From) = (given.Host, given.Port, given.Security, given.From);
        });
        SurveyInvitationsSetup.AddInvitationServices(services);
        SurveyDistributionSetup.AddDistributionServices(services, new ConfigurationBuilder().Build());
        _services = services.BuildServiceProvider();
    }

    public MigratedDatabases Databases { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public InvitationPlanner Planner => Get<InvitationPlanner>();

    public SurveyOutboxDispatcher Dispatcher => Get<SurveyOutboxDispatcher>();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A customer made by ingesting one event with the given identities; returns its id and the event's sequence.</summary>
    public async Task<(string CustomerId, long Sequence)> CustomerAsync(string region, IReadOnlyDictionary<string, string>? attributes = null,
        params CustomerIdentity[] identities)
    {
        var writer = new EventLogWriter(Databases.Regions, TimeProvider.System, Databases.Protection);
        var ids = identities.Length > 0 ? identities : [new CustomerIdentity("account", "ACC" + Guid.NewGuid().ToString("N")[..12])];
        var outcome = await writer.AppendAsync(region, [new NewEvent("test", Guid.NewGuid().ToString("N"), region, "touchpoint", "branch-visit", "north-01",
            DateTimeOffset.UtcNow, ids, attributes ?? new Dictionary<string, string>(), new Dictionary<string, double>(), null)], Cancellation);
        return (outcome.Receipts[0].CustomerId, outcome.Receipts[0].Sequence);
    }

    public async Task ConsentAsync(string region, string customerId, string status, string purpose = TestSurveyCatalog.Purpose)
    {
        await using var connection = await Databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(
            """
            insert into consent_entries (customer_id, region, purpose, version, status, recorded_at, source, policy_version, recorded_by)
            select @customerId, @region, @purpose, coalesce(max(version), 0) + 1, @status, now(), 'test', '1', 'test'
            from consent_entries where customer_id = @customerId and purpose = @purpose
            """, new { customerId, region, purpose, status });
    }

    /// <summary>A trigger decision as the projection's observer writes it (decision invited, survey <see cref="TestSurveyCatalog"/>).</summary>
    public async Task<string> DecideAsync(string region, string customerId, DateTimeOffset dueAt, long? sequence = null)
    {
        var cause = sequence is { } seq ? $"event:{seq}" : "event:" + Random.Shared.NextInt64(1L << 40, 1L << 50);
        await using var connection = await Databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(
            """
            insert into survey_invitations (pack_id, survey_id, cause, customer_id, region, due_at, decision, reason, decided_at)
            values ('test-pack', 'nps', @cause, @customerId, @region, @dueAt, 'invited', null, now())
            """, new { cause, customerId, region, dueAt = dueAt.ToUniversalTime() });
        return $"test-pack/nps/{cause}";
    }

    /// <summary>Plans and dispatches until <paramref name="until"/> holds.</summary>
    public async Task PumpAsync(string region, Func<Task<bool>> until, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!await until())
        {
            Assert.True(DateTime.UtcNow < deadline, "the invitations did not reach the expected state in time");
            await Planner.RunOnceAsync(region, Cancellation);
            if (await Dispatcher.RunOnceAsync(region, Cancellation) == 0)
            {
                await Task.Delay(50, Cancellation);
            }
        }
    }

    public async Task<InvitationState?> ByDecisionAsync(string region, string decisionKey)
    {
        await using var connection = await Databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        return await connection.QuerySingleOrDefaultAsync<InvitationState>(
            $"{InvitationState.Select} where i.decision_key = @decisionKey", new { decisionKey });
    }

    public async Task<InvitationState?> ByIdAsync(string region, Guid id)
    {
        await using var connection = await Databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        return await connection.QuerySingleOrDefaultAsync<InvitationState>($"{InvitationState.Select} where i.invitation_id = @id", new { id });
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
