using System.Globalization;
using CemOnPrem.Bench.Infrastructure;
using CemOnPrem.Bench.Load;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CemOnPrem.Bench.Ceilings;

/// <summary>
/// A bare Kestrel endpoint in this process that reads the same request body and answers 202 with no
/// work at all, hit by the same load generator: the HTTP ceiling of this machine for our request shape.
/// </summary>
internal static class KestrelCeiling
{
    public static async Task<LoadResult> MeasureAsync(EventBodies bodies, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        var port = BenchPostgres.FreeLoopbackPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        await using var app = builder.Build();
        app.MapPost("/api/v1/events", static async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        });
        await app.StartAsync();
        try
        {
            return await LoadGenerator.RunAsync(new LoadSpec(
                "kestrel-202", new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/api/v1/events")),
                "application/json", bodies.Single, 1, concurrency, warmup, duration));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
