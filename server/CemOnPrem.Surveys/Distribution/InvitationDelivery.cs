using System.Text.Json;
using CemOnPrem.Delivery;
using CemOnPrem.Surveys.Definitions;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Distribution;

/// <summary>
/// One delivery attempt of a released invitation by its channel: <c>link</c> has nothing to deliver; <c>email</c>
/// goes through SMTP to the address decrypted now; <c>webhook</c> is posted, signed, to the gateway with the address
/// decrypted now. <c>Confirmed</c> is true when the receiver acknowledged (a gateway's 2xx).
/// </summary>
public sealed class InvitationDelivery(
    ChannelAddresses addresses, ISurveyCatalog catalog, WebhookSender webhooks, IOptionsMonitor<SmtpOptions> smtp, IOptions<GatewayOptions> gateway,
    IOptions<DistributionOptions> options)
{
    public const string WebhookClientName = "cem-survey-gateway";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<(DeliveryResult Result, bool Confirmed)> DeliverAsync(ClaimedDelivery row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Channel == ChannelChoice.Link)
        {
            return (DeliveryResult.Success, false);
        }

        if (row.Link is null || row.CustomerId is null)
        {
            return (DeliveryResult.Fail("nothing to deliver (no link or no customer)"), false);
        }

        return row.Channel == ChannelChoice.Email
            ? (await MailAsync(row, row.CustomerId, row.Link, cancellationToken).ConfigureAwait(false), false)
            : await PostAsync(row, row.CustomerId, row.Link, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DeliveryResult> MailAsync(ClaimedDelivery row, string customerId, string link, CancellationToken cancellationToken)
    {
        var settings = smtp.Get(SurveySmtp.Name);
        if (!settings.IsEnabled)
        {
            return DeliveryResult.Retry($"SMTP is not configured on this node ({SurveySmtp.Section}:Host)");
        }

        if (await addresses.FindAsync(row.Region, customerId, ["email"], cancellationToken).ConfigureAwait(false) is not { } address)
        {
            return DeliveryResult.Fail("the customer has no e-mail identity (or was erased)");
        }

        var survey = await catalog.FindAsync(row.SurveyKey, row.SurveyVersion, cancellationToken).ConfigureAwait(false);
        var name = survey?.Template.Name.GetValueOrDefault(row.Language) ?? survey?.Template.Name.Values.FirstOrDefault() ?? row.SurveyKey;
        using var message = InvitationMail.Build(settings.From, address.Value, row.Id, row.Language, name, options.Value.BankName, link, row.Expires);
        return await SmtpSender.SendAsync(settings, SurveySmtp.Section, message, TimeSpan.FromSeconds(options.Value.TimeoutSeconds), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<(DeliveryResult, bool)> PostAsync(ClaimedDelivery row, string customerId, string link, CancellationToken cancellationToken)
    {
        var settings = gateway.Value;
        if (!settings.IsEnabled)
        {
            return (DeliveryResult.Retry($"the gateway is not configured on this node ({GatewayOptions.Section}:Url)"), false);
        }

        if (await addresses.FindAsync(row.Region, customerId, settings.AddressTypes, cancellationToken).ConfigureAwait(false) is not { } address)
        {
            return (DeliveryResult.Fail("the customer has no gateway address (or was erased)"), false);
        }

        var body = JsonSerializer.Serialize(new GatewayMessage(GatewayMessage.EventName, row.Id, row.Id, row.Region, row.SurveyKey, row.Language, link,
            new GatewayAddress(address.Type, address.Value), row.Expires), Json);
        var result = await webhooks.SendAsync(WebhookClientName, settings.Url, settings.ResolveSecret(), row.Id, GatewayMessage.EventName, body, cancellationToken)
            .ConfigureAwait(false);
        return (result, result.Delivered);
    }
}
