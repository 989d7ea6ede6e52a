using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using CemOnPrem.Audit.Pseudonyms;
using CemOnPrem.Audit.Records;
using CemOnPrem.Audit.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Audit.Tests.Http;

public sealed class ComplianceQueryTests(AuditServerFixture server) : IClassFixture<AuditServerFixture>
{
    private readonly TestEvents _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Who_accessed_a_subject_is_answered_from_an_external_identity_and_the_resolution_is_recorded()
    {
        using var clerk = server.Client("clerk-" + _events.Tag, "agent");
        using var officer = server.Client("officer-" + _events.Tag, "compliance");
        var customerId = await TestEvents.PostAsync(clerk, _events.Feedback("ACCT-" + _events.Tag));
        await clerk.GetAsync($"/api/v1/customers/eu-central/{customerId}", Cancellation);
        await clerk.GetAsync($"/api/v1/customers/eu-central/{customerId}/timeline", Cancellation);

        var response = await officer.GetAsync($"/api/v1/audit/subjects/eu-central?type=account&value=ACCT-{_events.Tag}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestEvents.ReadJsonAsync(response);
        var pseudonym = server.Factory.Services.GetRequiredService<SubjectPseudonyms>().Of(new AuditSubject("eu-central", customerId));
        Assert.Equal(pseudonym, page.GetProperty("subject").GetString());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([AuditActions.CustomerRead, AuditActions.CustomerTimelineRead, AuditActions.AuditSubjectResolve],
            items.Select(item => item.GetProperty("action").GetString()));
        Assert.Equal("user:clerk-" + _events.Tag, items[0].GetProperty("actor").GetString());
        Assert.Equal("user:officer-" + _events.Tag, items[2].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Denied_attempts_by_actor_are_listed_and_paged()
    {
        using var intruder = server.Client("intruder-" + _events.Tag, "agent");
        using var officer = server.Client("officer-" + _events.Tag, "auditor-readonly");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await intruder.GetAsync("/api/v1/audit/records", Cancellation)).StatusCode);
        }

        var first = await TestEvents.ReadJsonAsync(await officer.GetAsync($"/api/v1/audit/records?category=denied&actor=user:intruder-{_events.Tag}&limit=2", Cancellation));
        var after = first.GetProperty("nextAfter").GetInt64();
        var second = await TestEvents.ReadJsonAsync(await officer.GetAsync($"/api/v1/audit/records?category=denied&actor=user:intruder-{_events.Tag}&limit=2&after={after}", Cancellation));

        var all = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(3, all.Count);
        Assert.All(all, item => Assert.Equal("denied", item.GetProperty("outcome").GetString()));
        Assert.False(second.TryGetProperty("nextAfter", out _), "the last page has no next page");
    }

    [Fact]
    public async Task Privileged_actions_are_a_category()
    {
        using var admin = server.Client("admin-" + _events.Tag, "admin");
        using var officer = server.Client("officer-" + _events.Tag, "compliance");
        await admin.PostAsync("/api/v1/org-units/import", new StringContent($"code,name,level,parent\nq-{_events.Tag},Q,hq,\n", System.Text.Encoding.UTF8, "text/csv"), Cancellation);

        var page = await TestEvents.ReadJsonAsync(await officer.GetAsync($"/api/v1/audit/records?category=privileged&actor=user:admin-{_events.Tag}", Cancellation));

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(AuditActions.OrgUnitImport, item.GetProperty("action").GetString());
    }

    [Theory]
    [InlineData("category=everything", "category")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("after=-1", "after")]
    [InlineData("outcome=maybe", "outcome")]
    [InlineData("subject=ACCT-123", "subject")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("actor=john%20doe", "actor")]
    public async Task Bad_query_parameters_are_400_naming_the_parameter(string query, string field)
    {
        using var officer = server.Client("officer-" + _events.Tag, "compliance");

        var response = await officer.GetAsync("/api/v1/audit/records?" + query, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await TestEvents.ReadJsonAsync(response)).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(property => property.Name));
    }

    [Theory]
    [InlineData("phone", "%2B%2B%2B")]
    [InlineData("phone", "%2B1%20555-1234")]
    [InlineData("email", "noreply%40bank.example")]
    [InlineData("account", "--")]
    public async Task An_unusable_identity_is_422_naming_the_value_and_is_not_looked_up(string type, string value)
    {
        using var officer = server.Client("officer-" + _events.Tag, "compliance");

        var response = await officer.GetAsync($"/api/v1/audit/subjects/eu-central?type={type}&value={value}", Cancellation);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await TestEvents.ReadJsonAsync(response);
        Assert.Equal("urn:cem:problem:unusable-identity", problem.GetProperty("type").GetString());
        Assert.Equal(["value"], problem.GetProperty("errors").EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task An_unknown_identity_is_404_and_recorded_as_a_failed_resolution()
    {
        using var officer = server.Client("officer-" + _events.Tag, "compliance");
        var head = await server.HeadAsync();

        var response = await officer.GetAsync($"/api/v1/audit/subjects/eu-central?type=account&value=NOBODY-{_events.Tag}", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var record = Assert.Single(await server.RecordsAfterAsync(head));
        Assert.Equal((AuditActions.AuditSubjectResolve, "failed"), (record.Action, record.Outcome));
    }

    [Fact]
    public async Task Export_is_a_zip_whose_csv_verifies_against_its_detached_signature()
    {
        using var officer = server.Client("officer-" + _events.Tag, "compliance");
        using var clerk = server.Client("clerk-" + _events.Tag, "agent");
        var customerId = await TestEvents.PostAsync(clerk, _events.Feedback("ACCT-" + _events.Tag));
        await clerk.GetAsync($"/api/v1/customers/eu-central/{customerId}", Cancellation);

        var response = await officer.GetAsync($"/api/v1/audit/export?format=csv&actor=user:clerk-{_events.Tag}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Cancellation));
        var csv = Read(zip, "records.csv");
        var signature = Read(zip, "records.csv.sig");
        using var key = ECDsa.Create();
        key.ImportFromPem(System.Text.Encoding.ASCII.GetString(Read(zip, "checkpoint.public.pem")));
        Assert.True(key.VerifyData(csv, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        var lines = System.Text.Encoding.UTF8.GetString(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length); // header, ingest, read
        Assert.Contains(",customer.read,", lines[2], StringComparison.Ordinal);
        csv[^3] ^= 1;
        Assert.False(key.VerifyData(csv, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.NotNull(zip.GetEntry("checkpoints.json"));
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
