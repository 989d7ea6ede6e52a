using CemOnPrem.Contracts.Customers;

namespace CemOnPrem.Contracts.Tests.Customers;

public sealed class IdentityNormalizationTests
{
    [Theory]
    [InlineData("email", " Ann.Lee@Example.COM ", "ann.lee@example.com")]
    [InlineData("phone", "+86 138-0000 (0000)", "+8613800000000")]
    [InlineData("phone", "0049 (69) 1234.567", "+49691234567")]
    [InlineData("vin", " wvwzzz1jzxw000001 ", "WVWZZZ1JZXW000001")]
    [InlineData("account", " AbC-001 ", "AbC-001")]
    public void Values_are_normalised_by_type(string type, string value, string expected) =>
        Assert.Equal(expected, IdentityNormalization.Normalize(type, value));

    [Theory]
    [InlineData("phone", "12+34")]
    [InlineData("phone", "+++")]
    public void Unusable_values_normalise_to_nothing_that_could_match(string type, string value) =>
        Assert.Equal("", IdentityNormalization.Normalize(type, value));
}
