using CemOnPrem.Contracts.Problems;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CemOnPrem.Identity.Throttling;

/// <summary>The 429 of the sign-in endpoints: problem+json with <c>Retry-After</c> in whole seconds.</summary>
public static class RateLimitProblem
{
    public static Task WriteAsync(HttpContext http, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(http);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Type = ProblemTypes.TooManyRequests,
            Title = "Too many requests.",
            Detail = $"Too many sign-in attempts from here or for this account; try again in {seconds} s.",
        }).ExecuteAsync(http);
    }
}
