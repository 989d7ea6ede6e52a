using System.Text.RegularExpressions;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Http.Customers;

/// <summary>
/// The first and last answers of every customer-level endpoint: whether <c>{region}/{customerId}</c> can name a
/// customer at all (404 before any read), and the 308 to the surviving customer when stitching merged this one away.
/// </summary>
public static partial class CustomerAddress
{
    /// <returns>A 404 when the region is not configured or the id is not a customer id; null when the address is well formed.</returns>
    public static ProblemHttpResult? Check(string region, string customerId, NodeRegions regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        if (!regions.IsConfigured(region))
        {
            return UnknownRegion(region, regions);
        }

        return CustomerIdPattern().IsMatch(customerId) ? null : NoSuchCustomer(region, customerId);
    }

    public static ProblemHttpResult UnknownRegion(string region, NodeRegions regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return Problem.NotFound($"Region '{region}' is not configured; configured: {string.Join(", ", regions.Configured)}.");
    }

    public static ProblemHttpResult NoSuchCustomer(string region, string customerId) =>
        Problem.NotFound($"No customer '{customerId}' in region '{region}'.");

    /// <summary>
    /// The customer was merged into another: the same request belongs at <paramref name="location"/>. Permanent (the
    /// merge is not undone) and method-preserving (308), so a client follows it for any verb.
    /// </summary>
    public static RedirectHttpResult MovedTo(string location) => TypedResults.Redirect(location, permanent: true, preserveMethod: true);

    [GeneratedRegex("^c-[0-9a-f]{32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CustomerIdPattern();
}
