using CemOnPrem.Cases.Notifications;
using CemOnPrem.Delivery;

namespace CemOnPrem.Cases.Tests.Notifications;

/// <summary>Each fault in a webhook subscription request is reported with the field it is in.</summary>
public sealed class WebhookValidationTests
{
    private static readonly string[] Regions = ["cn-east", "eu-central"];
    private static readonly string GoodSecret = new('s', 32);

    public static TheoryData<string?, string?, string[]?, string[]?, string?, bool, string> Faults => new()
    {
        { "hook", null, null, null, null, false, "url" },
        { "hook", "not a url", null, null, null, false, "url" },
        { "hook", "/relative/path", null, null, null, false, "url" },
        { "hook", "http://receiver.bank.example/hook", null, null, null, false, "url" },
        { "hook", "ftp://receiver.bank.example/hook", null, null, null, true, "url" },
        { "hook", "https://user:pw@receiver.bank.example/hook", null, null, null, false, "url" },
        { "hook", "https://receiver.bank.example/hook", ["opened", "paid"], null, null, false, "events" },
        { "hook", "https://receiver.bank.example/hook", null, ["mars"], null, false, "regions" },
        { "hook", "https://receiver.bank.example/hook", null, null, "too-short", false, "secret" },
        { "", "https://receiver.bank.example/hook", null, null, null, false, "name" },
        { null, "https://receiver.bank.example/hook", null, null, null, false, "name" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_bad_subscription_request_names_the_field_at_fault(string? name, string? url, string[]? events, string[]? regions, string? secret, bool allowHttp,
        string field)
    {
        var (hook, faultField, error) = WebhookValidation.Validate(new WebhookBody(name, url, events, regions, secret), Regions, allowHttp);

        Assert.Null(hook);
        Assert.Equal(field, faultField);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Http_is_accepted_only_where_allowed()
    {
        var body = new WebhookBody("hook", "http://127.0.0.1:8080/hook", null, null, GoodSecret);

        Assert.NotNull(WebhookValidation.Validate(body, Regions, allowHttp: true).Hook);
        Assert.Equal("url", WebhookValidation.Validate(body, Regions, allowHttp: false).Field);
    }

    [Fact]
    public void Without_a_secret_one_of_64_hex_characters_is_generated()
    {
        var hook = WebhookValidation.Validate(new WebhookBody("hook", "https://receiver.bank.example/hook", ["opened"], ["cn-east"], null), Regions, false).Hook;

        Assert.NotNull(hook);
        Assert.True(hook.SecretGenerated);
        Assert.Matches("^[0-9a-f]{64}$", hook.Secret);
    }

    [Fact]
    public void The_signature_is_hmac_sha256_over_timestamp_dot_body_in_lower_hex()
    {
        // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'secret'
        Assert.Equal("sha256=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686",
            WebhookSignature.Compute("secret", 1_700_000_000, """{"a":1}"""));
    }

    [Theory]
    [InlineData(200, true, false)]
    [InlineData(204, true, false)]
    [InlineData(500, false, false)]
    [InlineData(503, false, false)]
    [InlineData(408, false, false)]
    [InlineData(429, false, false)]
    [InlineData(400, false, true)]
    [InlineData(404, false, true)]
    [InlineData(301, false, true)]
    public void Receiver_statuses_decide_delivered_retry_or_dead(int status, bool delivered, bool permanent)
    {
        var result = WebhookSender.Classify((System.Net.HttpStatusCode)status);

        Assert.Equal((delivered, permanent), (result.Delivered, result.Permanent));
    }
}
