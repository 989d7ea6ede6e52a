using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Governance.Export;
using Microsoft.Extensions.DependencyInjection;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Privacy;

public sealed class SubjectExportTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_categories_of_one_export_share_one_read_of_the_event_log()
    {
        var customer = await PostAsync(Feedback(_events.Account(7), "read me once"));
        var shared = server.Factory.Services.GetRequiredService<SubjectEvents>();
        var subject = new ExportSubject("eu-central", customer, DateTimeOffset.UtcNow, []);
        var categories = server.Factory.Services.GetServices<IExportCategory>().ToDictionary(c => c.Name);

        var first = await shared.ReadAsync(subject, Cancellation);
        var events = await categories["events"].ReadAsync(subject, Cancellation);
        var feedback = await categories["feedback"].ReadAsync(subject, Cancellation);

        // The same list instance: the log was read and decrypted once for this export, and both categories come from it.
        Assert.Same(first, await shared.ReadAsync(subject, Cancellation));
        Assert.Equal(("read me once", "read me once"), ((string?)events.Single()["text"], (string?)feedback.Single()["text"]));
        // Another export (another subject instance) reads afresh.
        Assert.NotSame(first, await shared.ReadAsync(subject with { }, Cancellation));
    }

    [Fact]
    public async Task Export_of_a_stitched_customer_holds_every_category_with_counts_hashes_and_decrypted_values()
    {
        var older = await PostAsync(Feedback(_events.Account(1), "Marta from the first branch"));
        var younger = await PostAsync(Feedback(_events.Account(2), "second account, same person"));
        var link = Feedback(_events.Account(1), "linking both");
        ((JsonArray)link["customer"]!).Add(new JsonObject { ["type"] = "email", ["value"] = $"marta.{_events.Tag}@example.org" });
        ((JsonArray)link["customer"]!).Add(new JsonObject { ["type"] = "account", ["value"] = _events.Account(2) });
        Assert.Equal(older, await PostAsync(link));

        using var compliance = await ComplianceAsync("dsar");
        // Asking for the merged customer leads to the survivor's export.
        var response = await compliance.GetAsync($"/api/v1/privacy/subjects/eu-central/{younger}/export", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Cancellation), ZipArchiveMode.Read);
        var manifest = JsonDocument.Parse(Read(zip, "manifest.json")).RootElement;
        Assert.Equal(older, manifest.GetProperty("subject").GetProperty("customerId").GetString());
        Assert.Equal([younger], manifest.GetProperty("subject").GetProperty("mergedCustomerIds").EnumerateArray().Select(e => e.GetString()));
        var counts = manifest.GetProperty("categories").EnumerateArray()
            .ToDictionary(c => c.GetProperty("category").GetString()!, c => c.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["profile"] = 1, ["identities"] = 3, ["events"] = 3, ["feedback"] = 3, ["journeys"] = counts["journeys"], ["consents"] = 0, ["cases"] = 0, ["survey-responses"] = 0 }, counts);
        foreach (var file in manifest.GetProperty("categories").EnumerateArray().SelectMany(c => c.GetProperty("files").EnumerateArray()))
        {
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(Read(zip, file.GetProperty("name").GetString()!))));
        }

        var identities = JsonDocument.Parse(Read(zip, "identities.json")).RootElement.EnumerateArray().Select(i => i.GetProperty("value").GetString()).ToList();
        Assert.Equal([_events.Account(1), _events.Account(2), $"marta.{_events.Tag}@example.org"], identities.Order(StringComparer.Ordinal));
        var events = JsonDocument.Parse(Read(zip, "events.json")).RootElement.EnumerateArray().ToList();
        Assert.Equal(["Marta from the first branch", "second account, same person", "linking both"], events.Select(e => e.GetProperty("text").GetString()));
        Assert.Equal("Marta", events[0].GetProperty("attributes").GetProperty("first-name").GetString());
        var csv = Encoding.UTF8.GetString(Read(zip, "events.csv"));
        Assert.StartsWith("sequence,source,eventId,type,touchpoint,orgUnit,occurredAt,identities,attributes,scores,text", csv, StringComparison.Ordinal);
        Assert.Equal(4, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("Marta from the first branch", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_needs_the_dsar_purpose_and_the_compliance_role()
    {
        var customer = await PostAsync(Feedback(_events.Account(7), "x"));
        using var wrongPurpose = await ComplianceAsync("case-handling");
        var agentToken = await server.Factory.UserTokenAsync(await server.Factory.AddUserAsync([CemRoles.Agent], ["hq"], [ServerDatabases.Eu]));
        using var agent = server.Factory.WithBearer(agentToken, "dsar");

        Assert.Equal(HttpStatusCode.Forbidden, (await wrongPurpose.GetAsync($"/api/v1/privacy/subjects/eu-central/{customer}/export", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/v1/privacy/subjects/eu-central/{customer}/export", Cancellation)).StatusCode);
    }

    private async Task<HttpClient> ComplianceAsync(string purpose)
    {
        var user = await server.Factory.AddUserAsync([CemRoles.Compliance], ["hq"], [ServerDatabases.Eu]);
        return server.Factory.WithBearer(await server.Factory.UserTokenAsync(user), purpose);
    }

    private JsonObject Feedback(string account, string text)
    {
        var e = _events.Feedback(account: account);
        e["text"] = text;
        e["attributes"] = new JsonObject { ["lang"] = "en", ["first-name"] = "Marta" };
        return e;
    }

    private async Task<string> PostAsync(JsonObject e)
    {
        var response = await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await Events.ReadJsonAsync(response)).GetProperty("customerId").GetString()!;
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{name} is missing from the export.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
