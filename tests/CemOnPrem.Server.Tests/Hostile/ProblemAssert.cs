using System.Net;
using System.Text.Json;

namespace CemOnPrem.Server.Tests.Hostile;

/// <summary>Asserts a refusal: the status, problem+json, and the field at fault among the problem's errors.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        var fields = problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).ToList() : [];
        Assert.True(fields.Contains(field), $"expected an error for '{field}', got [{string.Join(", ", fields)}]: {body}");
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("CemOnPrem.", body, StringComparison.Ordinal);
        return problem;
    }
}
