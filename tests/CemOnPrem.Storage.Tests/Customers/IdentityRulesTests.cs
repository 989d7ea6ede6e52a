using CemOnPrem.Storage.Customers;

namespace CemOnPrem.Storage.Tests.Customers;

public sealed class IdentityRulesTests
{
    [Theory]
    [InlineData("phone", "+86 138 0000 0000", "+8613800000000")]
    [InlineData("phone", "+8613800000000", "+8613800000000")]
    [InlineData("phone", "0086 138-0000-0000", "+8613800000000")]
    [InlineData("phone", "+1 (415) 555.0100", "+14155550100")]
    [InlineData("phone", "+44 20 7946 0958", "+442079460958")]
    [InlineData("email", "Ann.Lee@Example.COM", "ann.lee@example.com")]
    [InlineData("email", "li.wei+cem@mail.example.cn", "li.wei+cem@mail.example.cn")]
    [InlineData("vin", "1hgcm82633a004352", "1HGCM82633A004352")]
    [InlineData("account", "DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00")]
    [InlineData("account", "6222-0001", "6222-0001")]
    [InlineData("card_token", "tok_1Nv0FG2eZvKYlo2C", "tok_1Nv0FG2eZvKYlo2C")]
    [InlineData("loyalty", "GOLD-00417", "GOLD-00417")]
    public void Usable_values_are_normalised(string type, string value, string expected)
    {
        var check = IdentityRules.Check(type, value);

        Assert.Equal((expected, null), (check.Value, check.Problem));
    }

    [Theory]
    [InlineData("phone", "+++")]
    [InlineData("phone", "+ ( ) -")]
    [InlineData("phone", "+")]
    [InlineData("phone", "+86 138")]
    [InlineData("phone", "+1")]
    [InlineData("phone", "138 0000 0000")]
    [InlineData("phone", "+1 800 FLOWERS")]
    [InlineData("phone", "+86 138 0000 0000 0000 0000")]
    [InlineData("phone", "12+34")]
    [InlineData("phone", "tel:+8613800000000")]
    [InlineData("email", "ann")]
    [InlineData("email", "ann@")]
    [InlineData("email", "@example.com")]
    [InlineData("email", "ann@example")]
    [InlineData("email", "ann@@example.com")]
    [InlineData("email", "ann@bob@example.com")]
    [InlineData("email", "Ann Lee <ann@example.com>")]
    [InlineData("email", "<ann@example.com>")]
    [InlineData("email", "ann@example.com, bob@example.com")]
    [InlineData("email", "ann@[10.0.0.1]")]
    [InlineData("email", "ann@example.")]
    [InlineData("vin", "1HGCM82633A00435")]
    [InlineData("vin", "1HGCM82633A0043521")]
    [InlineData("vin", "1HGCM82633A00435O")]
    [InlineData("vin", "1HGCM-2633A004352")]
    [InlineData("account", "--")]
    [InlineData("account", "A-1")]
    [InlineData("account", "0000000")]
    [InlineData("account", "null")]
    [InlineData("account", "N/A")]
    [InlineData("account", "ACCT#1;DROP")]
    [InlineData("card_token", "4111111111111111")]
    [InlineData("card_token", "tok 123")]
    [InlineData("loyalty", "...")]
    [InlineData("loyalty", "unknown")]
    [InlineData("loyalty", "   ")]
    public void Unusable_values_are_refused_with_a_reason(string type, string value)
    {
        var check = IdentityRules.Check(type, value);

        Assert.False(check.IsUsable);
        Assert.Null(check.Value);
        Assert.False(string.IsNullOrWhiteSpace(check.Problem));
        // The reason is safe to log and to answer: it never repeats the (personal) value.
        if (value.Trim().Length >= 3)
        {
            Assert.DoesNotContain(value.Trim(), check.Problem!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_two_junk_phones_of_the_collision_report_no_longer_normalise_alike() =>
        Assert.Equal(
            (false, false),
            (IdentityRules.Check("phone", "+++").IsUsable, IdentityRules.Check("phone", "+ ( ) -").IsUsable));
}
