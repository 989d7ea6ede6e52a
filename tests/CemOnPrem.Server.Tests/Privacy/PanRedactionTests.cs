using CemOnPrem.Sdk.Packs;
using CemOnPrem.Http.Masking;

namespace CemOnPrem.Server.Tests.Privacy;

public sealed class PanRedactionTests
{
    [Theory]
    [InlineData("card 4111111111111111 please", "card 411111******1111 please")]
    [InlineData("4111 1111 1111 1111", "411111******1111")]
    [InlineData("4111-1111-1111-1111.", "411111******1111.")]
    [InlineData("amex 378282246310005", "amex 378282*****0005")]
    [InlineData("visa 4222222222222", "visa 422222***2222")]
    [InlineData("19 digits 6011000990139424000", "19 digits 6011000990139424000")] // fails Luhn: untouched
    public void Luhn_valid_card_numbers_keep_bin_and_last_four(string input, string expected) =>
        Assert.Equal(expected, PanRedaction.Redact(input));

    [Theory]
    [InlineData("order 4111111111111112")] // one digit off: not Luhn-valid
    [InlineData("call +49 151 2345 6789")]
    [InlineData("call +49 151 2345 6712")] // Luhn-valid by chance, but a phone number
    [InlineData("call +4915123456712")]
    [InlineData("ref 123456789012")] // 12 digits: too short for a card number
    [InlineData("41111111111111111111")] // 20 digits: too long
    public void Other_digit_runs_are_left_alone(string input) =>
        Assert.Equal(input, PanRedaction.Redact(input));

    [Fact]
    public void A_pack_can_keep_card_numbers_in_the_fields_it_names()
    {
        var manifest = new PackManifest
        {
            Id = "cards", Version = "1.0.0", Publisher = "test", Name = "Cards", SdkVersion = "[1.0,2.0)", PanAllowedFields = ["disputedCard"],
        };
        var redaction = new PanRedaction(() => [manifest]);

        Assert.Equal("4111111111111111", redaction.Redact("disputedCard", "4111111111111111"));
        Assert.Equal("411111******1111", redaction.Redact("note", "4111111111111111"));
        Assert.Equal("411111******1111", redaction.Redact(PanRedaction.TextField, "4111111111111111"));
    }

    [Fact]
    public void Without_packs_every_field_is_redacted()
    {
        var redaction = new PanRedaction(() => []);

        Assert.Equal("411111******1111", redaction.Redact("disputedCard", "4111111111111111"));
    }
}
