using System.Net.Http.Headers;
using System.Text;
using System.Threading.RateLimiting;
using CemOnPrem.Identity.Endpoints;
using CemOnPrem.Identity.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Identity.Throttling;

/// <summary>
/// ASP.NET Core's rate limiter in front of the sign-in endpoints, before authentication (OpenIddict checks client
/// secrets inside the authentication middleware, so a limiter at the endpoint would come too late). Two limits
/// chained: per source address (<see cref="SourceAddress"/>), and per account (client_id or typed user name) from that
/// source. The account limit is per source on purpose: counted from everywhere, anyone could keep a named admin or a
/// channel's client_id (which is no secret) at its limit and lock its owner out of signing in, the very thing
/// throttling must not become. Guessing from many addresses is bounded by the account lockout for people and by the
/// secrets' entropy for clients. Other requests do not pass the limiter at all.
/// </summary>
internal static class SignInRateLimits
{
    private static readonly PathString[] ClientEndpoints = [new("/connect/token"), new("/connect/introspect"), new("/connect/revoke")];

    public static IServiceCollection AddCemSignInRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<CemIdentityOptions>>((options, identity) =>
        {
            var limits = identity.Value.RateLimits;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, limits, bySource: true)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, limits, bySource: false)));
            options.OnRejected = (rejected, _) => new ValueTask(RateLimitProblem.WriteAsync(rejected.HttpContext,
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(limits.LoginPerSource.WindowSeconds)));
        });
        return services;
    }

    /// <summary>Reads the form of a limited request first (the partitioner cannot wait for the body), then limits.</summary>
    public static IApplicationBuilder UseCemSignInRateLimits(this IApplicationBuilder app)
    {
        // Only sign-in requests pass the limiter: every other request (ingest above all) skips its locks and leases.
        return app.UseWhen(http => KindOf(http.Request) is not null, limited => limited.Use(async (http, next) =>
        {
            if (http.Request.HasFormContentType)
            {
                try
                {
                    await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
                {
                    // A malformed form is limited by source alone; its endpoint refuses it afterwards.
                }
            }

            await next(http).ConfigureAwait(false);
        }).UseRateLimiter());
    }

    private static string? KindOf(HttpRequest request) =>
        ClientEndpoints.Any(path => request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)) ? "client"
        : HttpMethods.IsPost(request.Method) && request.Path.Equals(LoginPage.Path, StringComparison.OrdinalIgnoreCase) ? "login"
        : null;

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitOptions limits, bool bySource)
    {
        var kind = KindOf(http.Request);
        if (kind is null)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var form = http.Features.Get<IFormFeature>()?.Form;
        var source = SourceAddress.KeyOf(http.Connection.RemoteIpAddress);
        var (key, limit) = (kind, bySource) switch
        {
            (_, true) => (source, kind == "client" ? limits.TokenPerSource : limits.LoginPerSource),
            ("client", false) => (Account(source, ClientIdOf(http.Request, form)), limits.TokenPerClient),
            _ => (Account(source, form?["username"].ToString().Trim().ToUpperInvariant()), limits.LoginPerUser),
        };
        return string.IsNullOrEmpty(key)
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetFixedWindowLimiter($"{kind}|{(bySource ? "source" : "account")}|{key}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = TimeSpan.FromSeconds(limit.WindowSeconds),
                QueueLimit = 0,
            });
    }

    private static string? Account(string source, string? account) => string.IsNullOrEmpty(account) ? null : source + "|" + account;

    /// <summary>The client_id of the form, else of a Basic Authorization header (client_secret_basic).</summary>
    private static string? ClientIdOf(HttpRequest request, IFormCollection? form)
    {
        if (form?["client_id"].ToString() is { Length: > 0 } fromForm)
        {
            return fromForm;
        }

        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? Uri.UnescapeDataString(pair[..colon]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
