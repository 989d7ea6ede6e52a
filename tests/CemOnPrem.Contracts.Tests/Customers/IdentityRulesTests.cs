using CemOnPrem.Contracts.Customers;

namespace CemOnPrem.Contracts.Tests.Customers;

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

    [Theory]
    [InlineData("+1 555-1234")] // a US local number: people in every area code share it
    [InlineData("+15551234")]
    [InlineData("+1 946 0958")]
    public void A_local_number_without_its_area_code_is_refused(string value)
    {
        var check = IdentityRules.Check("phone", value);

        Assert.Equal((null, true), (check.Value, check.Problem!.Contains("area code", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("+1 000 000 0000")]
    [InlineData("+1 111 111 1111")]
    [InlineData("+1 999-999-9999")]
    [InlineData("+44 0000 000000")]
    [InlineData("+44 7777 777777")]
    [InlineData("+1 234 567 8901")] // runs wrap from 9 to 0
    [InlineData("+1 123 456 7890")]
    [InlineData("+44 0123456789")]
    [InlineData("+49 987654321")]
    [InlineData("+1 987 654 3210")]
    [InlineData("+86 123 4567 8901")]
    public void Placeholder_phone_numbers_are_refused(string value) =>
        Assert.False(IdentityRules.Check("phone", value).IsUsable);

    // Numbers of the shapes tests, the demo seeder and the load benchmark send (not all in assigned ranges): still usable.
    [Theory]
    [InlineData("+86 139 00000000", "+8613900000000")] // bench/EventBodies.cs, customer 0
    [InlineData("+86 139 12345678", "+8613912345678")]
    [InlineData("+8613900000001", "+8613900000001")]
    [InlineData("+8613123456789", "+8613123456789")]
    [InlineData("+4930 1000000", "+49301000000")]
    [InlineData("+4915100000123456", "+4915100000123456")]
    [InlineData("+4915198765123", "+4915198765123")]
    [InlineData("+4915123456712", "+4915123456712")]
    [InlineData("+49 30 1234567", "+49301234567")]
    [InlineData("+1 212 555 0147", "+12125550147")]
    [InlineData("+1 212 345 6789", "+12123456789")] // a run, but not the whole national number
    public void Full_numbers_that_only_look_made_up_stay_usable(string value, string expected) =>
        Assert.Equal(expected, IdentityRules.Check("phone", value).Value);

    [Theory]
    [InlineData("none@shop.example")]
    [InlineData("NoEmail@shop.example")]
    [InlineData("no-email@bank.example")]
    [InlineData("no.email@bank.example")]
    [InlineData("noreply@bank.example")]
    [InlineData("donotreply@bank.example")]
    [InlineData("null@bank.example")]
    [InlineData("unknown@bank.example")]
    [InlineData("n/a@bank.example")]
    [InlineData("na@bank.example")]
    [InlineData("xxx@bank.example")]
    [InlineData("dummy@bank.example")]
    [InlineData("fake@bank.example")]
    [InlineData("test@bank.example")]
    [InlineData("ann.lee@none.com")]
    [InlineData("customer@noemail.com")]
    public void Placeholder_email_addresses_are_refused(string value)
    {
        var check = IdentityRules.Check("email", value);

        Assert.Equal((null, true), (check.Value, check.Problem!.Contains("placeholder", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("nonexistent@bank.example")] // a placeholder word inside a longer mailbox is a mailbox
    [InlineData("tester@bank.example")]
    [InlineData("x.li@bank.example")]
    [InlineData("demo.customer3@example.invalid")] // the demo seeder's addresses
    [InlineData("ann@example.test")]
    [InlineData("ann@example.org")]
    public void Addresses_near_the_placeholders_stay_usable(string value) =>
        Assert.True(IdentityRules.Check("email", value).IsUsable);
}
