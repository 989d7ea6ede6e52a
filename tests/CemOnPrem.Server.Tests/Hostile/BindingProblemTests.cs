using System.Net;
using System.Text;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Hosting;
using CemOnPrem.Server.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace CemOnPrem.Server.Tests.Hostile;

/// <summary>
/// Binding failures (malformed JSON, wrong JSON types, no body, wrong content type, unparsable values) are problem+json
/// naming the field in the API's words; before, their details named C# parameters ("OrgUnitBody body") and types.
/// </summary>
public sealed class BindingProblemTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("{", "body")]
    [InlineData("{\"name\": 5, \"level\": \"branch\"}", "name")]
    [InlineData("{\"name\": \"N\", \"level\": {\"a\": 1}}", "level")]
    [InlineData("{\"name\": \"N\", \"level\": \"branch\", \"parent\": [\"hq\"]}", "parent")]
    [InlineData("[]", "body")]
    [InlineData("\"text\"", "body")]
    public async Task A_malformed_or_mistyped_json_body_names_the_field_and_no_type(string json, string field)
    {
        using var admin = await server.Factory.CreateClientAsAsync(CemRoles.Admin, ["hq"], [ServerDatabases.Eu]);

        var response = await admin.PutAsync("/api/v1/org-units/bind-1", new StringContent(json, Encoding.UTF8, "application/json"), Cancellation);

        var problem = await ProblemAssert.RefusedAsync(response, field);
        Assert.DoesNotContain("OrgUnitBody", problem.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to read", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_body_says_the_body_is_required()
    {
        using var admin = await server.Factory.CreateClientAsAsync(CemRoles.Admin, ["hq"], [ServerDatabases.Eu]);

        var problem = await ProblemAssert.RefusedAsync(await admin.PutAsync("/api/v1/org-units/bind-2", null, Cancellation), "body");

        Assert.DoesNotContain("Did you mean", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_of_the_wrong_content_type_is_a_415_problem()
    {
        using var admin = await server.Factory.CreateClientAsAsync(CemRoles.Admin, ["hq"], [ServerDatabases.Eu]);

        var response = await admin.PutAsync("/api/v1/org-units/bind-3", new StringContent("name=x", Encoding.UTF8, "text/plain"), Cancellation);

        await ProblemAssert.RefusedAsync(response, "Content-Type", HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("Failed to bind parameter \"int limit\" from \"abc\".", "?limit=abc", "limit", "has a value that is not of the expected form.")]
    [InlineData("Failed to bind parameter \"System.Nullable`1[System.DateOnly] from\" from \"notadate\".", "?from=notadate", "from", "has a value that is not of the expected form.")]
    [InlineData("Required parameter \"string code\" was not provided from route.", "", "code", "is required.")]
    [InlineData("Implicit body inferred for parameter \"body\" but no body was provided. Did you mean to use a Service instead?", "", "body", "is required: a JSON object.")]
    public void Binding_messages_become_the_parameter_and_a_sentence_of_the_api(string message, string query, string field, string sentence)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);

        var problem = Assert.IsType<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>(BadRequestProblems.From(new BadHttpRequestException(message), context.Request));

        Assert.Equal([sentence], problem.Errors[field]);
        Assert.DoesNotContain("System.", problem.Detail, StringComparison.Ordinal);
    }
}
