using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// The visit limits of anonymous links: a fixed window per client address chained with one per link
/// (<c>Cem:Surveys:UnitLinks:PerSource</c>, <c>…:PerUnit</c>). Kept in the node's memory: behind a load balancer each
/// node counts its own share, which bounds stuffing well enough without a shared store.
/// </summary>
internal sealed class UnitLinkLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(string? Source, string? Unit)> _limiter;

    public UnitLinkLimiter(IOptions<UnitLinkOptions> options)
    {
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<(string? Source, string? Unit), string>(visit => Window("source|" + visit.Source, settings.PerSource)),
            PartitionedRateLimiter.Create<(string? Source, string? Unit), string>(visit =>
                visit.Unit is null ? RateLimitPartition.GetNoLimiter("") : Window("unit|" + visit.Unit, settings.PerUnit)));
    }

    public RateLimitLease Acquire(HttpContext http, string? unitToken) =>
        _limiter.AttemptAcquire((http.Connection.RemoteIpAddress?.ToString() ?? "unknown", unitToken));

    private static RateLimitPartition<string> Window(string key, UnitLinkLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
            QueueLimit = 0,
        });

    public void Dispose() => _limiter.Dispose();
}
