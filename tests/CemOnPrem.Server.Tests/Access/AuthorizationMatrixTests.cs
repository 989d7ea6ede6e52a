using CemOnPrem.Contracts.Problems;
using System.Net;
using System.Text.Json;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Server.Tests.Access;

/// <summary>Every API endpoint × every role (and channel clients, and nobody) × org unit in/out × region in/out.</summary>
public sealed class AuthorizationMatrixTests(MatrixFixture matrix) : IClassFixture<MatrixFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_endpoint_is_in_the_matrix_or_anonymous_by_design()
    {
        var endpoints = Endpoints();
        var listed = AccessMatrix.Entries.Select(e => e.Endpoint).ToHashSet(StringComparer.Ordinal);

        var missing = endpoints.Keys.Where(key => !listed.Contains(key) && !AccessMatrix.AnonymousByDesign.Contains(key)).ToList();
        var stale = listed.Concat(AccessMatrix.AnonymousByDesign).Where(key => !endpoints.ContainsKey(key)).ToList();

        Assert.True(missing.Count == 0, "Endpoints without an entry in AccessMatrix (add one with who may call them): " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "AccessMatrix lists endpoints that do not exist: " + string.Join(", ", stale));
    }

    [Fact]
    public void Only_the_anonymous_by_design_endpoints_allow_anonymous_and_every_other_one_names_a_policy()
    {
        foreach (var (key, endpoint) in Endpoints())
        {
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            Assert.True(anonymous == AccessMatrix.AnonymousByDesign.Contains(key), $"{key}: AllowAnonymous is {anonymous}");
            if (!anonymous)
            {
                Assert.True(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(data => data.Policy is not null), $"{key} has no named policy (CemPolicies)");
            }
        }
    }

    [Fact]
    public async Task Every_caller_gets_exactly_what_the_matrix_allows()
    {
        var failures = new List<string>();
        var checks = 0;
        foreach (var entry in AccessMatrix.Entries)
        {
            foreach (var caller in matrix.Callers)
            {
                using var request = entry.Request(matrix.Target);
                using var response = await caller.Http.SendAsync(request, Cancellation);
                var allowed = entry.Allowed(caller);
                var verdict = await VerdictAsync(response, allowed, entry.WhenAllowed, caller);
                checks++;
                if (verdict is not null)
                {
                    failures.Add($"{entry.Endpoint} as {caller}: expected {(allowed ? "allow" : "deny")}, {verdict}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(AccessMatrix.Entries.Count * (1 + (4 * (CemRoles.All.Count + 1))), checks);
    }

    [Fact]
    public async Task A_customer_outside_the_scope_and_one_that_does_not_exist_get_the_same_denial()
    {
        var outside = matrix.Callers.Single(c => c.IsRole(CemRoles.Agent) && !c.OrgIn && c.RegionIn);
        var inside = matrix.Callers.Single(c => c.IsRole(CemRoles.Agent) && c.InScope);

        var exists = await outside.Http.GetAsync($"/api/v1/customers/eu-central/{matrix.Target.CustomerId}", Cancellation);
        var missing = await inside.Http.GetAsync("/api/v1/customers/eu-central/c-0123456789abcdef0123456789abcdef", Cancellation);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (exists.StatusCode, missing.StatusCode));
        Assert.Equal(await WithoutTraceIdAsync(exists), await WithoutTraceIdAsync(missing));
    }

    private static async Task<string> WithoutTraceIdAsync(HttpResponseMessage response)
    {
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!.AsObject();
        Assert.True(problem.Remove("traceId"));
        return problem.ToJsonString();
    }

    private Dictionary<string, RouteEndpoint> Endpoints() =>
        matrix.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(method => (Key: $"{method} {e.RoutePattern.RawText}", e)))
            .ToDictionary(pair => pair.Key, pair => pair.e, StringComparer.Ordinal);

    /// <returns>Null when the answer matches the expectation; otherwise what went wrong.</returns>
    private static async Task<string?> VerdictAsync(HttpResponseMessage response, bool allowed, Expect whenAllowed, MatrixCaller caller)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        if (allowed)
        {
            var expected = whenAllowed switch
            {
                Expect.Accepted or Expect.AcceptedBatch => 202,
                Expect.NotFound => 404,
                Expect.Created => 201,
                Expect.PreconditionFailed => 412,
                _ => 200,
            };
            return status == expected ? null : $"got {status} (wanted {expected}): {body}";
        }

        if (caller.Kind == CallerKind.Anonymous)
        {
            return status == 401 && response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? null : $"got {status}: {body}";
        }

        // A batch refuses items outside a client's binding one by one (207, item 403); otherwise the request is a 403.
        if (whenAllowed == Expect.AcceptedBatch && status == 207)
        {
            var item = JsonDocument.Parse(body).RootElement.GetProperty("results")[0];
            return item.GetProperty("status").GetInt32() == 403 ? null : $"got 207 with item {item}";
        }

        if (status != 403 || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"got {status}: {body}";
        }

        var problem = JsonDocument.Parse(body).RootElement;
        return problem.GetProperty("type").GetString() == ProblemTypes.Forbidden && problem.GetProperty("detail").GetString()!.Length > 0
            ? null
            : $"403 without the forbidden problem: {body}";
    }
}
