using System.Text.Json;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CemOnPrem.Server.Tests.Residency;

/// <summary>A grain call whose placement found no silo of the region becomes 503 naming the region, however Orleans wraps it.</summary>
public sealed class RegionUnavailableProblemTests
{
    [Fact]
    public async Task Placement_without_a_silo_of_the_region_is_503_naming_the_region()
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new ProblemExceptionHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), NullLogger<ProblemExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Headers.Accept = "application/json";
        context.Response.Body = new MemoryStream();
        var wrapped = new Orleans.Runtime.OrleansException("placement failed", new NoSiloServesRegionException("ap-south"));

        Assert.True(await handler.TryHandleAsync(context, wrapped, TestContext.Current.CancellationToken));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("urn:cem:problem:region-unavailable", body.RootElement.GetProperty("type").GetString());
        Assert.Contains("'ap-south'", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
