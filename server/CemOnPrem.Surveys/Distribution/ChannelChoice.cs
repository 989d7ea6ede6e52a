using CemOnPrem.Delivery;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Distribution;

/// <summary>
/// Which channel an invitation goes by: e-mail when the customer has an e-mail identity and e-mail is configured,
/// else the gateway when configured and the customer has one of its address types, else the link alone (for the
/// bank's own channels). Decided from identity types only: no address is read for it.
/// </summary>
public sealed class ChannelChoice(IOptionsMonitor<SmtpOptions> smtp, IOptions<GatewayOptions> gateway)
{
    public const string Link = "link";
    public const string Email = "email";
    public const string Webhook = "webhook";

    public static bool IsKnown(string? channel) => channel is Link or Email or Webhook;

    public bool EmailEnabled => smtp.Get(SurveySmtp.Name).IsEnabled;

    public bool GatewayEnabled => gateway.Value.IsEnabled;

    public string Choose(IReadOnlyCollection<string> identityTypes)
    {
        ArgumentNullException.ThrowIfNull(identityTypes);
        if (EmailEnabled && identityTypes.Contains("email", StringComparer.Ordinal))
        {
            return Email;
        }

        return GatewayEnabled && gateway.Value.AddressTypes.Any(t => identityTypes.Contains(t, StringComparer.Ordinal)) ? Webhook : Link;
    }
}
