using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Events;
using CemOnPrem.Surveys.Invitations;
using CemOnPrem.Surveys.Responses;
using CemOnPrem.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace CemOnPrem.Surveys.Tests.Responses;

/// <summary>The response store over the migrated databases with the real encryption, event writer and reader.</summary>
internal sealed class ResponseHarness
{
    private readonly MigratedDatabases _databases;

    public ResponseHarness(MigratedDatabases databases)
    {
        _databases = databases;
        Writer = new EventLogWriter(databases.Regions, TimeProvider.System, databases.Protection);
        Reader = new EventLogReader(databases.Regions, databases.Protection);
        Events = new LogEvents(Writer);
        Text = new ResponseText(databases.Protection, new ResponseKeys(databases.Protection));
        ResponseEvents = new ResponseEvents(Events, Reader, databases.Regions);
        Store = new SurveyResponseStore(databases.Regions, Text, ResponseEvents, TimeProvider.System, NullLogger<SurveyResponseStore>.Instance);
        Lookup = new InvitationLookup(databases.Regions);
    }

    public EventLogWriter Writer { get; }

    public EventLogReader Reader { get; }

    public LogEvents Events { get; }

    public ResponseText Text { get; }

    public ResponseEvents ResponseEvents { get; }

    public SurveyResponseStore Store { get; }

    public InvitationLookup Lookup { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A customer the log knows by an e-mail address (as ingest would make one).</summary>
    public async Task<string> CustomerAsync(string region)
    {
        var identity = new CustomerIdentity("email", $"u-{Guid.NewGuid():N}@example.com");
        var outcome = await Writer.AppendAsync(region, [new NewEvent("crm", Guid.NewGuid().ToString("N"), region, "touchpoint", "branch-visit", "north-01",
            DateTimeOffset.UtcNow, [identity], new Dictionary<string, string>(), new Dictionary<string, double>(), null)], Cancellation);
        return outcome.Receipts[0].CustomerId;
    }

    /// <summary>An invitation as the sending part stores one, read back through the token look-up.</summary>
    public async Task<SurveyInvitation> InvitationAsync(string region, string? customerId, string status = "sent", TimeSpan? expiresIn = null,
        string attributes = "{}")
    {
        var (token, hash) = InvitationTokens.New();
        var now = DateTimeOffset.UtcNow;
        await using (var connection = await _databases.Regions.For(region).OpenConnectionAsync(Cancellation))
        {
            await connection.ExecuteAsync(
                """
                insert into invitations (invitation_id, region, survey_key, survey_version, origin, customer_id, org_unit, journey, touchpoint, attributes,
                    language, channel, token_hash, status, created_at, created_by, send_after, sent_at, expires_at)
                values (@id, @region, @key, @version, @origin, @customerId, 'north-01', 'account-opening', 'branch-visit', @attributes::jsonb,
                    'en', @channel, @hash, @status, @now, 'test', @now, @now, @expires)
                """,
                new
                {
                    id = Guid.CreateVersion7(), region, key = ResponseSurveys.Published.Key, version = ResponseSurveys.Published.Version,
                    origin = customerId is null ? "anonymous" : "manual", customerId, attributes, channel = customerId is null ? "anonymous" : "link",
                    hash, status, now, expires = now + (expiresIn ?? TimeSpan.FromDays(14)),
                });
        }

        return (await Lookup.FindByTokenAsync(token, Cancellation))!;
    }

    public async Task<T> ScalarAsync<T>(string region, string sql, object parameters)
    {
        await using var connection = await _databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException("no value");
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string region, string sql, object parameters)
    {
        await using var connection = await _databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }
}
