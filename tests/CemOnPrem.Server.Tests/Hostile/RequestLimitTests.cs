using System.Net;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Hostile;

/// <summary>
/// Oversized request targets and headers: the application refuses them with problem+json (414, 431) below Kestrel's
/// own limits, which answer with an empty body (those stay documented in docs/security.md).
/// </summary>
public sealed class RequestLimitTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(8 * 1024)]
    [InlineData(12 * 1024)]
    public async Task A_url_over_8_KiB_is_a_414_problem(int length)
    {
        using var admin = await server.Factory.CreateClientAsAsync(CemRoles.Admin, ["hq"], [ServerDatabases.Eu]);

        await ProblemAssert.RefusedAsync(await admin.GetAsync("/api/v1/org-units?under=" + new string('a', length), Cancellation), "url", HttpStatusCode.RequestUriTooLong);
    }

    [Fact]
    public async Task Headers_over_32_KiB_are_a_431_problem()
    {
        using var admin = await server.Factory.CreateClientAsAsync(CemRoles.Admin, ["hq"], [ServerDatabases.Eu]);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/org-units");
        request.Headers.Add("X-Padding", new string('p', 33 * 1024));

        await ProblemAssert.RefusedAsync(await admin.SendAsync(request, Cancellation), "headers", HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task A_url_just_under_the_limit_is_answered()
    {
        using var admin = await server.Factory.CreateClientAsAsync(CemRoles.Admin, ["hq"], [ServerDatabases.Eu]);

        var response = await admin.GetAsync("/api/v1/org-units?under=" + new string('a', 7 * 1024), Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
