using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Http.Customers;
using CemOnPrem.Http.Residency;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Server.Tests.Customers;

/// <summary>
/// The customer step every customer-level endpoint shares: 404 for an address that cannot name a customer, the one
/// 403 for "not visible" and "does not exist", and the 308 to the survivor of a merge. The endpoints' own tests pin
/// the same answers over HTTP; these pin the step itself for modules that call it.
/// </summary>
public sealed class CustomerStepTests
{
    private const string Customer = "c-0123456789abcdef0123456789abcdef";
    private const string Survivor = "c-fedcba9876543210fedcba9876543210";

    private static NodeRegions Regions() => new(Options.Create(new CemOptions
    {
        Regions = new(StringComparer.Ordinal) { ["eu-central"] = new() { ConnectionString = "Host=127.0.0.1;Database=cem_eu" } },
    }));

    [Fact]
    public void A_well_formed_address_in_a_configured_region_passes() =>
        Assert.Null(CustomerAddress.Check("eu-central", Customer, Regions()));

    [Theory]
    [InlineData("us-west", Customer)]
    [InlineData("eu-central", "c-0123")]
    [InlineData("eu-central", "C-0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("eu-central", "c-0123456789abcdef0123456789abcdef\n")]
    public void An_address_that_cannot_name_a_customer_is_a_404(string region, string customerId)
    {
        var problem = CustomerAddress.Check(region, customerId, Regions());

        Assert.NotNull(problem);
        Assert.Equal(StatusCodes.Status404NotFound, problem.StatusCode);
    }

    [Fact]
    public void A_customer_the_caller_may_not_see_is_the_same_403_as_one_that_does_not_exist()
    {
        var hidden = new ResolvedCustomer("eu-central", Customer, Customer, null, Visible: false).Denied;
        var missing = new ResolvedCustomer("eu-central", Customer, null, null, Visible: false).Denied;

        Assert.NotNull(hidden);
        Assert.NotNull(missing);
        Assert.Equal(StatusCodes.Status403Forbidden, hidden.StatusCode);
        Assert.Equal(ProblemTypes.Forbidden, hidden.ProblemDetails.Type);
        Assert.Equal(hidden.ProblemDetails.Detail, missing.ProblemDetails.Detail);
    }

    [Fact]
    public void A_visible_customer_is_not_denied_and_not_moved()
    {
        var customer = new ResolvedCustomer("eu-central", Customer, Customer, null, Visible: true);

        Assert.Null(customer.Denied);
        Assert.Null(customer.MovedTo(survivor => $"/x/{survivor}"));
    }

    [Fact]
    public void A_merged_customer_moves_permanently_to_the_survivor_keeping_the_method()
    {
        var customer = new ResolvedCustomer("eu-central", Customer, Survivor, null, Visible: true);

        var moved = customer.MovedTo(survivor => $"/api/v1/customers/eu-central/{survivor}/timeline");

        Assert.NotNull(moved);
        Assert.Equal($"/api/v1/customers/eu-central/{Survivor}/timeline", moved.Url);
        Assert.True(moved.Permanent);
        Assert.True(moved.PreserveMethod);
    }
}
