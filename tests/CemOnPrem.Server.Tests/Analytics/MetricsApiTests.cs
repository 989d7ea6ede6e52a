using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Storage.OrgUnits;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Server.Tests.Analytics;

/// <summary>Metrics from the rollups through the API: org-unit roll-up, small-group suppression, bad parameters.</summary>
public sealed class MetricsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..6];
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string C(string code) => $"{code}-{_tag}";

    [Fact]
    public async Task Nps_rolls_up_org_unit_subtrees_and_suppresses_small_groups()
    {
        await ImportTreeAsync();
        await PostAsync("b1", 10, 10, 10, 9, 7, 3);
        await PostAsync("b2", 9, 9, 2);
        await PostAsync("b3", 10, 8, 8, 6, 0);

        var byRegion = await WaitForAsync($"/api/v1/metrics/nps?orgUnit={C("hq")}&groupBy=orgUnit", total: 14);
        var groups = byRegion.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("orgUnit").GetString()!);
        Assert.Equal(9, groups[C("r1")].GetProperty("n").GetInt64());
        Assert.Equal(100.0 * (6 - 2) / 9, groups[C("r1")].GetProperty("value").GetDouble(), 9); // 6 promoters, 2 detractors of 9
        Assert.Equal(-20, groups[C("r2")].GetProperty("value").GetDouble(), 9); // 1 promoter, 2 detractors of 5
        var r1 = groups[C("r1")];
        Assert.True(r1.GetProperty("low").GetDouble() < r1.GetProperty("value").GetDouble());

        var byBranch = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/nps?orgUnit={C("r1")}&groupBy=orgUnit,month", Cancellation);
        var branches = byBranch.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("orgUnit").GetString()!);
        Assert.Equal(6, branches[C("b1")].GetProperty("n").GetInt64());
        Assert.True(branches[C("b2")].GetProperty("suppressed").GetBoolean()); // 3 answers < 5: no value, no size
        Assert.False(branches[C("b2")].TryGetProperty("n", out _));
        Assert.False(branches[C("b2")].TryGetProperty("value", out _));
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-01", System.Globalization.CultureInfo.InvariantCulture), branches[C("b1")].GetProperty("period").GetString());
    }

    [Fact]
    public async Task The_nodes_copy_of_the_org_tree_finds_new_units_and_follows_moves_made_here()
    {
        await ImportTreeAsync();
        await PostAsync("b1", 10, 10, 10, 9, 7, 3);
        await PostAsync("b2", 9, 9, 2);
        await WaitForAsync($"/api/v1/metrics/nps?orgUnit={C("hq")}&groupBy=orgUnit", total: 9); // the node now holds the tree

        // Another node adds a unit: written straight to the control database, this node is not told.
        var store = server.Factory.Services.GetRequiredService<OrgUnitStore>();
        await store.UpsertAsync([new OrgUnitDraft(C("r3"), "East", "region", C("hq"))], Cancellation);
        var r3 = await server.Client.GetAsync($"/api/v1/metrics/nps?orgUnit={C("r3")}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, r3.StatusCode);

        // This node moves b2 under r3: the next query groups it there, not under r1.
        var moved = await server.Client.PutAsJsonAsync($"/api/v1/org-units/{C("b2")}", new { name = "B2", level = "branch", parent = C("r3") }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var groups = (await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/nps?orgUnit={C("hq")}&groupBy=orgUnit", Cancellation))
            .GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("orgUnit").GetString()!);
        Assert.Equal(6, groups[C("r1")].GetProperty("n").GetInt64());
        Assert.True(groups[C("r3")].GetProperty("suppressed").GetBoolean());
    }

    [Fact]
    public async Task The_verify_job_finds_the_rollups_equal_to_a_recompute()
    {
        await ImportTreeAsync();
        await PostAsync("b1", 10, 9, 3);
        await WaitForRowsAsync(C("b1"), 3);

        var started = await server.Client.PostAsync("/api/v1/admin/analytics/eu-central/verify", null, Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = await Events.ReadJsonAsync(started);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (job.GetProperty("status").GetString() == "running")
        {
            Assert.True(DateTime.UtcNow < deadline, "the verification did not finish");
            await Task.Delay(100, Cancellation);
            job = await server.Client.GetFromJsonAsync<JsonElement>(started.Headers.Location, Cancellation);
        }

        Assert.Equal("equal", job.GetProperty("status").GetString());
        Assert.Equal(0, job.GetProperty("differentCells").GetInt64());
        Assert.True(job.GetProperty("storedCells").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PostAsync("/api/v1/admin/analytics/mars/verify", null, Cancellation)).StatusCode);

        // The node remembers the histories it derived (so the next cycle reads only new events) and says how many events it holds.
        var status = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/analytics", Cancellation);
        Assert.True(status.GetProperty("nodeHistoryEvents").GetInt64() >= 3, status.ToString());
        Assert.Contains(status.GetProperty("regions").EnumerateArray(), r => r.GetProperty("region").GetString() == "eu-central");
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-05-02&to=2026-05-01", "from")]
    [InlineData("from=2000-01-01&to=2026-01-01", "to")]
    [InlineData("groupBy=year", "groupBy")]
    [InlineData("groupBy=day,month", "groupBy")]
    [InlineData("groupBy=orgUnit,orgUnit", "groupBy")]
    [InlineData("orgUnit=no-such-unit", "orgUnit")]
    [InlineData("journey=no-such-journey", "journey")]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string query, string field)
    {
        var response = await server.Client.GetAsync($"/api/v1/metrics/nps?{query}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await Events.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), query);
    }

    [Fact]
    public async Task Unknown_metric_and_journey_template_are_404_problems()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/v1/metrics/no-such-metric", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/v1/journeys/no-such-journey/funnel", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Metric_list_has_the_built_in_scores()
    {
        var list = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics", Cancellation);

        var ids = list.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("nps", ids);
        Assert.Contains("csat", ids);
        Assert.Contains("ces", ids);
    }

    private async Task ImportTreeAsync()
    {
        // Under the test tree's root, which the fixture's ingest client is bound to.
        var csv = $"code,name,level,parent\n{C("hq")},HQ,hq,hq\n{C("r1")},North,region,{C("hq")}\n{C("r2")},South,region,{C("hq")}\n" +
                  $"{C("b1")},B1,branch,{C("r1")}\n{C("b2")},B2,branch,{C("r1")}\n{C("b3")},B3,branch,{C("r2")}\n";
        var response = await server.Client.PostAsync("/api/v1/org-units/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task PostAsync(string branch, params int[] scores)
    {
        var batch = scores.Select((score, i) =>
        {
            var e = _events.Feedback(account: _events.Account(i + (branch.GetHashCode(StringComparison.Ordinal) & 0xffff)), nps: score);
            e["orgUnit"] = C(branch);
            return (JsonNode)e;
        });
        var response = await server.Client.PostAsync("/api/v1/events/batch", Events.Ndjson(batch), Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Cancellation));
    }

    /// <summary>The projector runs in the background: poll until the rollups hold every answer.</summary>
    /// <summary>Below the minimum group size the API hides n: wait on the stored rollup rows instead.</summary>
    private async Task WaitForRowsAsync(string orgUnit, long total)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await server.Databases.CountAsync("eu-central",
                   "select coalesce(sum(n), 0)::bigint from metric_rollup_cells where metric = 'nps' and org_unit = @orgUnit", new { orgUnit }) < total)
        {
            Assert.True(DateTime.UtcNow < deadline, "rollups did not catch up");
            await Task.Delay(100, Cancellation);
        }
    }

    private async Task<JsonElement> WaitForAsync(string url, long total)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var body = await server.Client.GetFromJsonAsync<JsonElement>(url, Cancellation);
            if (body.GetProperty("total").TryGetProperty("n", out var n) && n.GetInt64() == total)
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"rollups did not reach n = {total}: {body}");
            await Task.Delay(100, Cancellation);
        }
    }
}
