using CemOnPrem.Contracts.Customers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Http.Customers;

/// <summary>
/// What <see cref="CustomerResolution"/> found for <c>{Region}/{CustomerId}</c>: the customer that owns it now
/// (<see cref="Owner"/>, the survivor when merged; null when there is no such customer), the view when read through
/// the grain, and whether the caller may see the owner.
/// </summary>
public sealed record ResolvedCustomer(string Region, string CustomerId, string? Owner, CustomerView? View, bool Visible)
{
    /// <summary>The one 403 for "not visible" and "does not exist"; null when the caller may go on.</summary>
    public ProblemHttpResult? Denied => Visible ? null : CustomerVisibility.Denied(Region);

    /// <summary>The survivor when stitching merged the addressed customer into another; null otherwise.</summary>
    public string? Survivor => Owner is not null && Owner != CustomerId ? Owner : null;

    /// <returns>The 308 to the same resource of the survivor (<paramref name="locationOf"/> builds its path); null when not merged.</returns>
    public RedirectHttpResult? MovedTo(Func<string, string> locationOf)
    {
        ArgumentNullException.ThrowIfNull(locationOf);
        return Survivor is { } survivor ? CustomerAddress.MovedTo(locationOf(survivor)) : null;
    }
}
