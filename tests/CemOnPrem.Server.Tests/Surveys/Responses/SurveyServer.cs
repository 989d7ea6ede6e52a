using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CemOnPrem.Packs.Hosting.Signing;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Surveys.Invitations;
using CemOnPrem.Testing.Postgres;
using Npgsql;

namespace CemOnPrem.Server.Tests.Surveys.Responses;

/// <summary>
/// A server with a signed pack declaring one survey (NPS, a reason asked of detractors with "other" text, a comment),
/// a trusted client, a channel client for submissions, and invitations stored as the sending part stores them.
/// </summary>
public sealed class SurveyServer(PostgresServer postgres) : IAsyncLifetime
{
    public const string Publisher = "acme";
    public const string PackId = "com.acme.feedback";
    public const string SurveyKey = PackId + ":visit";
    public const string OrgUnit = "north-01";

    private readonly ECDsa _key = PublisherKeys.Generate();
    private readonly string _packs = Directory.CreateTempSubdirectory("cem-survey-packs-").FullName;
    private readonly Events _events = new();
    private int _customers;

    public CemServerFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A channel client (scope cem.ingest) bound to both regions and the whole tree: an integrator's back end.</summary>
    public HttpClient Integrator { get; private set; } = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        WritePack();
        Factory = new CemServerFactory(await ServerDatabases.CreateAsync(postgres), new Dictionary<string, string?>
        {
            ["Cem:Packs:Directory"] = _packs,
            [$"Cem:Packs:TrustedPublishers:{Publisher}:PublicKey"] = _key.ExportSubjectPublicKeyInfoPem(),
            ["Cem:Analytics:MinGroupSize"] = "1",
        });
        Client = await Factory.CreateTrustedClientAsync();
        Integrator = await Factory.CreateIngestClientAsync([ServerDatabases.Eu, ServerDatabases.Cn], ["hq"]);
    }

    /// <summary>A customer known to the log by an account (one event at branch-01, outside <see cref="OrgUnit"/>'s metrics).</summary>
    public async Task<string> CustomerAsync()
    {
        var body = _events.Feedback(account: _events.Account(Interlocked.Increment(ref _customers)));
        using var response = await Client.PostAsync("/api/v1/events", Events.Json(body), Cancellation);
        return (await Events.ReadJsonAsync(response)).GetProperty("customerId").GetString()!;
    }

    /// <returns>The invitation's link token.</returns>
    public async Task<string> InvitationAsync(string? customerId, string status = "sent", int expiresInDays = 14, string orgUnit = OrgUnit)
    {
        var (token, hash) = InvitationTokens.New();
        await using var connection = new NpgsqlConnection(Factory.Databases.Regions[ServerDatabases.Eu]);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(
            """
            insert into invitations (invitation_id, region, survey_key, survey_version, origin, customer_id, org_unit, journey, touchpoint, attributes,
                language, channel, token_hash, status, created_at, created_by, send_after, sent_at, expires_at)
            values (gen_random_uuid(), 'eu-central', $1, '1.0.0', $2, $3, $4, null, 'branch-visit', '{}', 'en', $5, $6, $7, now(), 'test', now(), now(),
                now() + make_interval(days => $8))
            """, connection);
        command.Parameters.AddWithValue(SurveyKey);
        command.Parameters.AddWithValue(customerId is null ? "anonymous" : "manual");
        command.Parameters.AddWithValue((object?)customerId ?? DBNull.Value);
        command.Parameters.AddWithValue(orgUnit);
        command.Parameters.AddWithValue(customerId is null ? "anonymous" : "link");
        command.Parameters.AddWithValue(hash);
        command.Parameters.AddWithValue(status);
        command.Parameters.AddWithValue(expiresInDays);
        await command.ExecuteNonQueryAsync(Cancellation);
        return token;
    }

    public static StringContent Submission(string token, JsonObject answers, bool complete = true) =>
        Events.Json(new JsonObject { ["token"] = token, ["answers"] = answers, ["complete"] = complete });

    private void WritePack()
    {
        var path = Path.Combine(_packs, "feedback");
        Directory.CreateDirectory(Path.Combine(path, "surveys"));
        File.WriteAllText(Path.Combine(path, "pack.json"), new JsonObject
        {
            ["id"] = PackId, ["version"] = "1.0.0", ["publisher"] = Publisher, ["name"] = "Acme feedback", ["sdkVersion"] = "[0.1.0,0.2.0)",
        }.ToJsonString());
        static JsonObject Text(string en) => new() { ["en"] = en, ["zh"] = en };
        File.WriteAllText(Path.Combine(path, "surveys", "visit.json"), new JsonObject
        {
            ["id"] = "visit",
            ["name"] = Text("After your visit"),
            ["trigger"] = new JsonObject { ["touchpoint"] = "branch-visit", ["delay"] = "PT1H" },
            ["consentPurpose"] = "feedback-survey",
            ["questions"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "nps", ["kind"] = "scale", ["required"] = true, ["text"] = Text("Recommend us?"),
                    ["scale"] = new JsonObject { ["scoreKey"] = "nps", ["minimum"] = 0, ["maximum"] = 10 },
                },
                new JsonObject
                {
                    ["id"] = "why", ["kind"] = "choice", ["required"] = true, ["multipleAnswers"] = true, ["text"] = Text("Why?"),
                    ["showIf"] = new JsonObject { ["answer"] = "nps", ["operator"] = "less-or-equal", ["values"] = new JsonArray("6") },
                    ["choices"] = new JsonArray(
                        new JsonObject { ["id"] = "fees", ["text"] = Text("Fees") },
                        new JsonObject { ["id"] = "other", ["text"] = Text("Other"), ["asksForText"] = true }),
                },
                new JsonObject { ["id"] = "comment", ["kind"] = "text", ["text"] = Text("Anything else?") }),
        }.ToJsonString());
        PackSigning.Sign(path, _key, Publisher);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Integrator.Dispose();
        await Factory.DisposeAsync();
        _key.Dispose();
        Directory.Delete(_packs, recursive: true);
    }
}
