using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;
using Npgsql;

namespace CemOnPrem.Server.Tests.Privacy;

/// <summary>
/// One full run of a server with personal data planted everywhere a channel can put it: a single event, an NDJSON
/// batch, a validation failure, customer view, timeline and lookup reads. Debug-level logs go to a file. The server is
/// stopped at the end (so the log is flushed); the tests then look at the log and at dumps of the databases.
/// </summary>
public sealed class PlantedPii(PostgresServer postgres) : IAsyncLifetime
{
    public const string FirstName = "Wilhelmina";
    public const string LastName = "Quackenbusch";
    public const string Street = "Kastanienallee 77";
    public const string Pan = "4111 1111 1111 1111";
    public const string PanDigits = "4111111111111111";

    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    public string Email => $"wilhelmina.{_tag}@example.org";

    public string Phone => "+4915198765" + _tag[..3].Select(c => (char)('0' + (c % 10))).Aggregate("", (s, c) => s + c);

    public string Account => $"DE-ACCT-{_tag}-991";

    /// <summary>Every planted value; none may appear in a log or a database dump.</summary>
    public IReadOnlyList<string> Secrets => [FirstName, LastName, Street, Email, Phone, Phone[1..], Account, Pan, PanDigits];

    /// <summary>The run's log folder (the file sink rolls daily, so the file name carries the date).</summary>
    public string LogFolder { get; } = Directory.CreateTempSubdirectory("cem-pii-log-").FullName;

    public async Task<string> ReadLogAsync()
    {
        var files = Directory.GetFiles(LogFolder);
        Assert.NotEmpty(files);
        var text = new System.Text.StringBuilder();
        foreach (var file in files)
        {
            text.Append(await File.ReadAllTextAsync(file));
        }

        return text.ToString();
    }

    public ServerDatabases Databases { get; private set; } = null!;

    public string CustomerId { get; private set; } = "";

    /// <summary>The customer view as a full-access caller read it (proves the reads decrypted).</summary>
    public JsonElement View { get; private set; }

    public JsonElement Timeline { get; private set; }

    public HttpStatusCode InvalidStatus { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Databases = await ServerDatabases.CreateAsync(postgres);
        await using var server = new CemServerFactory(Databases, new Dictionary<string, string?>
        {
            ["Cem:Logging:File"] = Path.Combine(LogFolder, "cem-.log"),
            ["Serilog:MinimumLevel:Default"] = "Debug",
        });
        using var client = await server.CreateTrustedClientAsync();
        var cancellation = TestContext.Current.CancellationToken;

        var single = Event(1, [("email", Email), ("phone", Phone)]);
        var receipt = await Events.ReadJsonAsync(await client.PostAsync("/api/v1/events", Events.Json(single), cancellation));
        CustomerId = receipt.GetProperty("customerId").GetString()!;

        var batch = new[] { Event(2, [("account", Account), ("email", Email)]), Event(3, [("phone", Phone)]) };
        (await client.PostAsync("/api/v1/events/batch", Events.Ndjson(batch), cancellation)).EnsureSuccessStatusCode();

        var invalid = Event(4, [("email", Email)]);
        invalid["occurredAt"] = "not a time " + Email;
        InvalidStatus = (await client.PostAsync("/api/v1/events", Events.Json(invalid), cancellation)).StatusCode;

        View = await Events.ReadJsonAsync(await client.GetAsync($"/api/v1/customers/eu-central/{CustomerId}", cancellation));
        Timeline = await Events.ReadJsonAsync(await client.GetAsync($"/api/v1/customers/eu-central/{CustomerId}/timeline", cancellation));
        (await client.GetAsync($"/api/v1/customers/eu-central/lookup?type=email&value={Uri.EscapeDataString(Email)}", cancellation)).EnsureSuccessStatusCode();
        (await client.GetAsync($"/api/v1/customers/eu-central/lookup?type=phone&value={Uri.EscapeDataString(Phone)}", cancellation)).EnsureSuccessStatusCode();
    }

    /// <summary>The database as <c>pg_dump</c> writes it (schema and every row, text format).</summary>
    public static async Task<string> DumpAsync(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Path.Combine(PostgresBinaries.Locate(), "pg_dump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-h", settings.Host!, "-p", settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", settings.Username!, settings.Database! },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {await error}");
        return await output;
    }

    private JsonObject Event(int n, (string Type, string Value)[] identities) => new()
    {
        ["eventId"] = $"pii-{_tag}-{n}",
        ["source"] = "contact-centre",
        ["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(-n).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["region"] = ServerDatabases.Eu,
        ["customer"] = new JsonArray([.. identities.Select(i => (JsonNode)new JsonObject { ["type"] = i.Type, ["value"] = i.Value })]),
        ["type"] = "feedback",
        ["touchpoint"] = "call",
        ["orgUnit"] = Events.OrgUnit,
        ["attributes"] = new JsonObject
        {
            ["lang"] = "de", ["first-name"] = FirstName, ["last-name"] = LastName, ["address"] = Street, ["email"] = Email,
            ["card-number"] = Pan,
        },
        ["scores"] = new JsonObject { ["nps"] = 4 },
        ["text"] = $"{FirstName} {LastName} here, card {Pan}, call me on {Phone} or {Email}.",
    };

    public ValueTask DisposeAsync()
    {
        Directory.Delete(LogFolder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
