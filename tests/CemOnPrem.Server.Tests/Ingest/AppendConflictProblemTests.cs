using System.Text.Json;
using CemOnPrem.Server.Hosting;
using CemOnPrem.Storage.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CemOnPrem.Server.Tests.Ingest;

/// <summary>
/// An append that kept losing races with concurrent writers on the same identities stored nothing and may be resent:
/// the channel gets 503 + Retry-After naming the region, never a 500 (seen under batch load before this mapping).
/// </summary>
public sealed class AppendConflictProblemTests
{
    [Fact]
    public async Task A_repeatedly_lost_race_is_a_retryable_503_naming_the_region()
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new ProblemExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ProblemExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Headers.Accept = "application/json";
        context.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(context, new AppendConflictException("eu-central", new InvalidOperationException("race")), TestContext.Current.CancellationToken));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("'eu-central'", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("nothing was stored", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
