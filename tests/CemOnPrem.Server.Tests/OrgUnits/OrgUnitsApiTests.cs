using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.OrgUnits;

public sealed class OrgUnitsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..6];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string C(string code) => $"{code}-{_tag}";

    private Task<HttpResponseMessage> ImportAsync(string csv, string mediaType = "text/csv") =>
        server.Client.PostAsync("/api/v1/org-units/import", new StringContent(csv, Encoding.UTF8, mediaType), Cancellation);

    private string Tree() =>
        $"""
        code,name,level,parent
        {C("sh-b1")},Shanghai Branch 1,branch,{C("sh")}
        {C("sh")},Shanghai,region,{C("hq")}
        {C("hq")},Head office,hq,
        {C("bj")},Beijing,region,{C("hq")}
        """;

    [Fact]
    public async Task Import_in_any_order_builds_the_tree_and_a_subtree_lists_in_tree_order()
    {
        var response = await ImportAsync(Tree());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, (await Events.ReadJsonAsync(response)).GetProperty("created").GetInt32());
        var subtree = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/org-units?under={C("sh")}", Cancellation);
        Assert.Equal([C("sh"), C("sh-b1")], subtree.EnumerateArray().Select(u => u.GetProperty("code").GetString()));
        Assert.Equal($"/{C("hq")}/{C("sh")}/{C("sh-b1")}/", subtree[1].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Moving_a_unit_moves_its_subtree()
    {
        await ImportAsync(Tree());

        var moved = await ImportAsync($"code,name,level,parent\n{C("sh")},Shanghai,region,{C("bj")}\n");

        Assert.Equal(1, (await Events.ReadJsonAsync(moved)).GetProperty("updated").GetInt32());
        var branch = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/org-units/{C("sh-b1")}", Cancellation);
        Assert.Equal($"/{C("hq")}/{C("bj")}/{C("sh")}/{C("sh-b1")}/", branch.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Moving_a_unit_under_its_own_descendant_is_refused()
    {
        await ImportAsync(Tree());

        var response = await server.Client.PutAsJsonAsync($"/api/v1/org-units/{C("sh")}", new { name = "Shanghai", level = "region", parent = C("sh-b1") }, Cancellation);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("its own ancestor", (await Events.ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cycle_within_a_file_is_refused_and_nothing_is_stored()
    {
        var response = await ImportAsync($"code,name,level,parent\n{C("a")},A,region,{C("b")}\n{C("b")},B,region,{C("a")}\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/api/v1/org-units/{C("a")}", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Unknown_parent_is_refused_and_the_whole_file_rolls_back()
    {
        var response = await ImportAsync($"code,name,level,parent\n{C("x")},X,hq,\n{C("y")},Y,branch,{C("nowhere")}\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/api/v1/org-units/{C("x")}", Cancellation)).StatusCode);
    }

    [Theory]
    [InlineData("code,name,level\nx,X,hq\n", "header")]
    [InlineData("code,name,level,parent\nBad Code,X,hq,\n", "row 2.code")]
    [InlineData("code,name,level,parent\nok-1,,hq,\n", "row 2.name")]
    [InlineData("code,name,level,parent\nok-1,X,Head Office,\n", "row 2.level")]
    [InlineData("code,name,level,parent\nok-1,X,hq,\nok-1,Y,hq,\n", "code ok-1")]
    [InlineData("", "body")]
    public async Task Bad_file_is_a_400_naming_row_and_column(string csv, string field)
    {
        var response = await ImportAsync(csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Events.ReadJsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected '{field}' in {errors}");
    }

    [Fact]
    public async Task File_that_is_not_utf8_is_a_400()
    {
        var content = new ByteArrayContent([0x63, 0x6f, 0x64, 0x65, 0xff, 0xfe]);
        content.Headers.ContentType = new("text/csv");

        var response = await server.Client.PostAsync("/api/v1/org-units/import", content, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Import_with_a_json_content_type_is_415() =>
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await ImportAsync(Tree(), "application/json")).StatusCode);

    [Fact]
    public async Task Put_creates_then_updates()
    {
        var created = await server.Client.PutAsJsonAsync($"/api/v1/org-units/{C("root")}", new { name = "Root", level = "hq" }, Cancellation);
        var updated = await server.Client.PutAsJsonAsync($"/api/v1/org-units/{C("root")}", new { name = "Head office", level = "hq" }, Cancellation);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Head office", (await Events.ReadJsonAsync(updated)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Unknown_unit_is_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/api/v1/org-units?under={C("none")}", Cancellation)).StatusCode);
}
