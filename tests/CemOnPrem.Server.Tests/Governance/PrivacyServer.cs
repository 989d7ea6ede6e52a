using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Analytics.Projection;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Packs.Hosting.Signing;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CemOnPrem.Server.Tests.Governance;

/// <summary>
/// A server for the privacy tests: a signed data pack whose survey is triggered by the <c>branch-visit</c> touchpoint
/// (the one <see cref="Events.Feedback"/> posts) and needs <c>feedback-survey</c>, and retention periods for the
/// purge tests. <see cref="Client"/> holds every role; <see cref="SecondComplianceAsync"/> is another compliance user.
/// </summary>
public sealed class PrivacyServer(PostgresServer postgres) : IAsyncLifetime
{
    public const string PackId = "com.acme.surveys";
    public const string SurveyId = "after-visit";
    public const int InactiveDays = 365;
    public const int FreeTextDays = 30;
    public const string OtherPackId = "com.acme.claims";
    public const int ShorterInvitationDays = 60;
    public const int LongerInvitationDays = 120;
    private const string Publisher = "acme";
    private readonly ECDsa _key = PublisherKeys.Generate();
    private readonly string _packs = Directory.CreateTempSubdirectory("cem-privacy-packs-").FullName;
    private CemServerFactory? _factory;

    public CemServerFactory Factory => _factory ?? throw new InvalidOperationException("Not initialised.");

    public HttpClient Client { get; private set; } = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        WriteSurveyPack();
        _factory = new CemServerFactory(await ServerDatabases.CreateAsync(postgres), new Dictionary<string, string?>
        {
            ["Cem:Packs:Directory"] = _packs,
            [$"Cem:Packs:TrustedPublishers:{Publisher}:PublicKey"] = _key.ExportSubjectPublicKeyInfoPem(),
            ["Cem:Privacy:Retention:Periods:inactive-customers"] = InactiveDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cem:Privacy:Retention:Periods:feedback-free-text"] = FreeTextDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Client = await _factory.CreateTrustedClientAsync();
    }

    /// <summary>A compliance user other than <see cref="Client"/>'s person (four eyes).</summary>
    public Task<HttpClient> SecondComplianceAsync() =>
        Factory.CreateClientAsAsync(CemRoles.Compliance, ["hq"], [.. Factory.Databases.Regions.Keys]);

    public async Task<string> PostAsync(JsonObject e)
    {
        var response = await Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await Events.ReadJsonAsync(response)).GetProperty("customerId").GetString()!;
    }

    public async Task<JsonElement> ConsentAsync(string customerId, string purpose, string status)
    {
        var response = await Client.PostAsync($"/api/v1/customers/{ServerDatabases.Eu}/{customerId}/consents", Events.Json(new JsonObject
        {
            ["purpose"] = purpose, ["status"] = status, ["source"] = "web-preferences", ["policyVersion"] = "2026-11",
        }), Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Events.ReadJsonAsync(response);
    }

    /// <summary>Lets the projector catch up with everything committed so far (the background one may hold the region: then wait for it).</summary>
    public async Task ProjectAsync()
    {
        var projector = Factory.Services.GetRequiredService<AnalyticsProjector>();
        var store = Factory.Services.GetRequiredService<CemOnPrem.Analytics.Projection.ProjectionStore>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await projector.CatchUpAsync(ServerDatabases.Eu, Cancellation);
            var status = await store.ReadStatusAsync(ServerDatabases.Eu, Cancellation);
            var pending = await Factory.Databases.CountAsync(ServerDatabases.Eu,
                "select count(*) from customers where tx >= ((select watermark from analytics_checkpoint)::text)::xid8");
            if (status.EventsPending == 0 && pending == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "the projection did not catch up");
            await Task.Delay(50, Cancellation);
        }
    }

    /// <summary>One value from the region database; an array argument is one parameter (not spread like params).</summary>
    public Task<T> ScalarAsync<T>(string sql, string[] ids) => ScalarAsync<T>(sql, [(object)ids]);

    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var connection = new NpgsqlConnection(Factory.Databases.Regions[ServerDatabases.Eu]);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return (T)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    /// <summary>The rollups as text, in key order: equal strings mean byte-for-byte equal rows.</summary>
    public Task<string> RollupsAsync() =>
        ScalarAsync<string>("select coalesce(string_agg(r::text, E'\\n' order by metric, day, org_unit_id, journey, stage), '') from metric_rollups r");

    public async Task<RollupVerification> VerifyAsync() =>
        await Factory.Services.GetRequiredService<RollupVerifier>().VerifyAsync(ServerDatabases.Eu, null, Cancellation);

    /// <summary>How many audit records name the action (control database).</summary>
    public async Task<long> AuditCountAsync(string action)
    {
        await using var connection = new NpgsqlConnection(Factory.Databases.Control);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand("select count(*) from audit_records where action = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = action });
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _key.Dispose();
        Directory.Delete(_packs, recursive: true);
    }

    private void WriteSurveyPack()
    {
        var path = Path.Combine(_packs, "surveys");
        Directory.CreateDirectory(Path.Combine(path, "surveys"));
        File.WriteAllText(Path.Combine(path, "pack.json"), new JsonObject
        {
            ["id"] = PackId, ["version"] = "1.0.0", ["publisher"] = Publisher, ["name"] = "Acme surveys", ["sdkVersion"] = "[0.1.0,0.2.0)",
            // Free text is configured (the configuration wins); invitations are not: the longer of the two packs' defaults applies.
            ["retentionDefaults"] = RetentionDefaults(("feedback-free-text", 400), ("survey-invitations", ShorterInvitationDays),
                ($"{PackId}/call-notes", 20)),
        }.ToJsonString());
        File.WriteAllText(Path.Combine(path, "surveys", "after-visit.json"), new JsonObject
        {
            ["id"] = SurveyId,
            ["name"] = new JsonObject { ["en"] = "After your visit" },
            ["trigger"] = new JsonObject { ["touchpoint"] = "branch-visit", ["delay"] = "PT1H" },
            ["consentPurpose"] = "feedback-survey",
            ["questions"] = new JsonArray(new JsonObject
            {
                ["id"] = "nps", ["kind"] = "scale", ["required"] = true, ["text"] = new JsonObject { ["en"] = "Recommend us?" },
                ["scale"] = new JsonObject { ["scoreKey"] = "nps", ["minimum"] = 0, ["maximum"] = 10 },
            }),
        }.ToJsonString());
        PackSigning.Sign(path, _key, Publisher);

        var other = Path.Combine(_packs, "claims");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "pack.json"), new JsonObject
        {
            ["id"] = OtherPackId, ["version"] = "1.0.0", ["publisher"] = Publisher, ["name"] = "Acme claims", ["sdkVersion"] = "[0.1.0,0.2.0)",
            // The host loads packs without the kit's validator: invalid defaults (out of range, another pack's category,
            // unknown category, an invitation period inside the trigger window) must be ignored, not applied.
            ["retentionDefaults"] = RetentionDefaults(("survey-invitations", LongerInvitationDays), ($"{OtherPackId}/recordings", 0),
                ($"{PackId}/borrowed", 30), ("call-recordings", 30)),
        }.ToJsonString());
        PackSigning.Sign(other, _key, Publisher);
    }

    private static JsonArray RetentionDefaults(params (string Category, int Days)[] defaults) =>
        [.. defaults.Select(d => (JsonNode)new JsonObject { ["category"] = d.Category, ["days"] = d.Days, ["reason"] = "test default" })];
}

/// <summary>Reads JSON bodies of the privacy API.</summary>
internal static class PrivacyJson
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<JsonElement> GetJsonAsync(this HttpClient client, string url) =>
        client.GetFromJsonAsync<JsonElement>(url, TestContext.Current.CancellationToken)!;
}
