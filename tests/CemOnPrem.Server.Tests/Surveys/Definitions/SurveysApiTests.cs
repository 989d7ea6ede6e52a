using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Governance;
using CemOnPrem.Server.Tests.Support;
using Npgsql;
using static CemOnPrem.Server.Tests.Surveys.Definitions.SurveyBodies;

namespace CemOnPrem.Server.Tests.Surveys.Definitions;

/// <summary><c>/api/v1/surveys</c> definitions end to end, on a server with one signed pack whose survey is <c>com.acme.surveys:after-visit</c>.</summary>
public sealed class SurveysApiTests(PrivacyServer server) : IClassFixture<PrivacyServer>
{
    private const string PackSurvey = PrivacyServer.PackId + ":" + PrivacyServer.SurveyId;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private HttpClient Client => server.Client;

    private async Task<HttpResponseMessage> CreateAsync(JsonNode body) => await Client.PostAsync("/api/v1/surveys", Events.Json(body), Cancellation);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await Events.ReadJsonAsync(response);
    }

    [Fact]
    public async Task A_draft_is_edited_under_its_ETag_published_as_versions_one_and_two_and_each_version_stays_as_published()
    {
        var id = Id();
        var head = await server.Factory.Databases.HeadAsync();
        var created = await CreateAsync(Survey(id));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Empty((await Events.ReadJsonAsync(created)).GetProperty("problems").EnumerateObject());

        var missing = await Client.SendAsync(Put($"/api/v1/surveys/{id}/draft", Survey(id, npsMinimum: 0), etag: null), Cancellation);
        var replaced = await Client.SendAsync(Put($"/api/v1/surveys/{id}/draft", Survey(id), "\"1\""), Cancellation);
        var stale = await Client.SendAsync(Put($"/api/v1/surveys/{id}/draft", Survey(id), "\"1\""), Cancellation);
        var published = await Client.PostAsync($"/api/v1/surveys/{id}/publish", null, Cancellation);
        await CreateAsync(Survey(id));
        var second = await Client.PostAsync($"/api/v1/surveys/{id}/publish", null, Cancellation);

        await ProblemAsync(missing, HttpStatusCode.PreconditionRequired);
        Assert.Equal(("\"2\"", HttpStatusCode.PreconditionFailed), (replaced.Headers.ETag?.Tag, stale.StatusCode));
        var first = await Events.ReadJsonAsync(published);
        Assert.Equal(("1", "admin"), (first.GetProperty("version").GetString(), first.GetProperty("source").GetString()));
        Assert.Equal("2", (await Events.ReadJsonAsync(second)).GetProperty("version").GetString());
        var one = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}?version=1", Cancellation);
        Assert.Equal(["en", "zh"], one.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        var matrix = one.GetProperty("survey").GetProperty("questions")[1];
        Assert.Equal(("matrix", "csat-wait"), (matrix.GetProperty("kind").GetString(), matrix.GetProperty("rows")[0].GetProperty("scoreKey").GetString()));
        var versions = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/versions", Cancellation);
        Assert.Equal(["1", "2"], versions.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        var records = await server.Factory.Databases.RecordsAfterAsync(head);
        Assert.Equal(2, records.Count(r => r.Action == AuditActions.SurveyPublish && r.Resource == $"survey/{id}" && r.Outcome == "allowed"));
        Assert.Contains(records, r => r.Action == AuditActions.SurveyDraftCreate && r.Resource == $"survey/{id}");
    }

    [Fact]
    public async Task The_list_shows_pack_and_admin_surveys_with_languages_and_question_counts()
    {
        var id = Id();
        await CreateAsync(Survey(id));
        await Client.PostAsync($"/api/v1/surveys/{id}/publish", null, Cancellation);
        var draftOnly = Id();
        await CreateAsync(Survey(draftOnly));

        var list = await Client.GetFromJsonAsync<JsonElement>("/api/v1/surveys", Cancellation);

        var items = list.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!);
        Assert.Equal(("pack", "1.0.0", PrivacyServer.PackId), (items[PackSurvey].GetProperty("source").GetString(), items[PackSurvey].GetProperty("version").GetString(),
            items[PackSurvey].GetProperty("packId").GetString()));
        Assert.Equal(("admin", 3, false), (items[id].GetProperty("source").GetString(), items[id].GetProperty("questionCount").GetInt32(), items[id].GetProperty("hasDraft").GetBoolean()));
        Assert.Contains(draftOnly, list.GetProperty("drafts").EnumerateArray().Select(d => d.GetString()));
        Assert.DoesNotContain(draftOnly, items.Keys);
    }

    [Fact]
    public async Task A_pack_survey_is_read_only_and_its_version_is_recorded_so_an_older_version_still_resolves()
    {
        var put = await Client.SendAsync(Put($"/api/v1/surveys/{PackSurvey}/draft", Survey("after-visit"), "\"1\""), Cancellation);
        var publish = await Client.PostAsync($"/api/v1/surveys/{PackSurvey}/publish", null, Cancellation);
        var versions = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{PackSurvey}/versions", Cancellation);
        // As if the pack had been at 0.9.0 when this survey was first served, before an upgrade.
        await using (var control = NpgsqlDataSource.Create(server.Factory.Databases.Control))
        {
            await using var insert = control.CreateCommand(
                "insert into survey_versions (survey_key, version, pack_id, definition, published_at, published_by) " +
                "select survey_key, '0.9.0', pack_id, jsonb_set(definition, '{questions,0,id}', '\"old-nps\"'), now(), published_by from survey_versions where survey_key = $1 and version = '1.0.0'");
            insert.Parameters.AddWithValue(PackSurvey);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(Cancellation));
        }

        var old = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{PackSurvey}?version=0.9.0", Cancellation);

        Assert.Contains("read-only here", (await ProblemAsync(put, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
        Assert.Equal([("1.0.0", $"pack:{PrivacyServer.PackId}")], versions.GetProperty("items").EnumerateArray().Select(v => (v.GetProperty("version").GetString(), v.GetProperty("publishedBy").GetString())));
        Assert.Equal(("0.9.0", "old-nps"), (old.GetProperty("version").GetString(), old.GetProperty("survey").GetProperty("questions")[0].GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_draft_that_breaks_the_survey_rules_is_kept_but_publishing_it_is_a_409_naming_each_field()
    {
        var id = Id();
        var body = Survey(id, npsMinimum: 1);
        body["trigger"] = new JsonObject { ["touchpoint"] = "atm" };
        ((JsonObject)body["questions"]![2]!)["showIf"]!["answer"] = "aspects";

        var created = await CreateAsync(body);
        var publish = await Client.PostAsync($"/api/v1/surveys/{id}/publish", null, Cancellation);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var errors = (await ProblemAsync(publish, HttpStatusCode.Conflict)).GetProperty("errors");
        Assert.Equal(["nps answers are 0-10; the scale says 1-10."], errors.GetProperty("questions/nps/scale").EnumerateArray().Select(e => e.GetString()));
        Assert.True(errors.TryGetProperty("trigger", out _));
        Assert.True(errors.TryGetProperty("questions/why-wait/showIf", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/v1/surveys/{id}", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Hostile_bodies_are_4xx_problems_naming_the_field_and_store_nothing()
    {
        var id = Id();
        var tooMany = Survey(id);
        tooMany["questions"] = new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)new JsonObject { ["id"] = $"q{i}", ["kind"] = "text", ["text"] = Texts("x", "x") })]);
        var nullItem = Survey(id);
        ((JsonArray)nullItem["questions"]!).Add(null);
        var badId = Survey("Not<script>");
        var wrongType = Survey(id);
        wrongType["questions"]![0]!["scale"]!["minimum"] = "zero";
        var longText = Survey(id);
        longText["name"]!["en"] = new string('x', 5000);

        var many = await ProblemAsync(await CreateAsync(tooMany), HttpStatusCode.BadRequest);
        var nulls = await ProblemAsync(await CreateAsync(nullItem), HttpStatusCode.BadRequest);
        var key = await ProblemAsync(await CreateAsync(badId), HttpStatusCode.BadRequest);
        var type = await ProblemAsync(await CreateAsync(wrongType), HttpStatusCode.BadRequest);
        var text = await ProblemAsync(await CreateAsync(longText), HttpStatusCode.BadRequest);
        var truncated = await Client.PostAsync("/api/v1/surveys", new StringContent("{\"id\": ", Encoding.UTF8, "application/json"), Cancellation);
        var huge = await Client.PostAsync("/api/v1/surveys", new StringContent("{\"id\":\"" + new string('x', 300_000) + "\"}", Encoding.UTF8, "application/json"), Cancellation);
        var form = await Client.PostAsync("/api/v1/surveys", new StringContent("id=x", Encoding.UTF8, "application/x-www-form-urlencoded"), Cancellation);

        Assert.True(many.GetProperty("errors").TryGetProperty("questions", out _));
        Assert.True(nulls.GetProperty("errors").TryGetProperty("questions[3]", out _));
        Assert.True(key.GetProperty("errors").TryGetProperty("id", out _));
        Assert.True(type.GetProperty("errors").TryGetProperty("$.questions[0].scale.minimum", out _));
        Assert.True(text.GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType), (huge.StatusCode, form.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/v1/surveys/{id}/draft", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Analysts_read_surveys_but_may_not_write_them()
    {
        string[] regions = [.. server.Factory.Databases.Regions.Keys];
        using var analyst = await server.Factory.CreateClientAsAsync(CemRoles.Analyst, ["hq"], regions);

        var list = await analyst.GetAsync("/api/v1/surveys", Cancellation);
        var create = await analyst.PostAsync("/api/v1/surveys", Events.Json(Survey(Id())), Cancellation);
        var publish = await analyst.PostAsync($"/api/v1/surveys/{Id()}/publish", null, Cancellation);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (create.StatusCode, publish.StatusCode));
    }
}
