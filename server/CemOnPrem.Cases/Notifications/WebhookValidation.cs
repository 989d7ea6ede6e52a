using System.Security.Cryptography;

namespace CemOnPrem.Cases.Notifications;

/// <summary>Checks a webhook subscription request; the first fault is reported with the field it is in.</summary>
public static class WebhookValidation
{
    public const int MinSecretLength = 32;
    public const int MaxSecretLength = 256;

    /// <returns>The subscription, or the field at fault and what is wrong with it.</returns>
    public static (ValidWebhook? Hook, string? Field, string? Error) Validate(WebhookBody? body, IReadOnlyList<string> knownRegions, bool allowHttp)
    {
        ArgumentNullException.ThrowIfNull(knownRegions);
        if (body is null)
        {
            return (null, "body", "is required (a JSON object with url, events, regions, name).");
        }

        var name = body.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            return (null, "name", "is required (1-100 characters, one line).");
        }

        if (string.IsNullOrWhiteSpace(body.Url) || body.Url.Length > 2000 || !Uri.TryCreate(body.Url, UriKind.Absolute, out var url))
        {
            return (null, "url", "must be an absolute URL (at most 2000 characters).");
        }

        if (url.Scheme != Uri.UriSchemeHttps && !(allowHttp && url.Scheme == Uri.UriSchemeHttp))
        {
            return (null, "url", allowHttp ? "must use https or http." : "must use https (http only where Cem:Cases:Notifications:AllowHttp is true).");
        }

        if (url.UserInfo.Length > 0 || url.Fragment.Length > 0)
        {
            // Credentials in a URL would be shown by every list call; the signature is the authentication.
            return (null, "url", "must not carry user info or a fragment.");
        }

        var events = body.Events ?? [];
        if (events.Any(e => e is null || !CaseEvents.IsKnown(e)))
        {
            return (null, "events", $"names an unknown event; known: {string.Join(", ", CaseEvents.All)} (empty = all).");
        }

        var regions = body.Regions ?? [];
        if (regions.Any(r => r is null || !knownRegions.Contains(r, StringComparer.Ordinal)))
        {
            return (null, "regions", $"names an unknown region; configured: {string.Join(", ", knownRegions)} (empty = all).");
        }

        if (body.Secret is { } given && (given.Length is < MinSecretLength or > MaxSecretLength || given.Any(char.IsControl)))
        {
            return (null, "secret", $"must be {MinSecretLength}-{MaxSecretLength} characters without control characters, or left out to have one generated.");
        }

        var secret = body.Secret ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (new ValidWebhook(name, url.AbsoluteUri, [.. events.Distinct(StringComparer.Ordinal)], [.. regions.Distinct(StringComparer.Ordinal)], secret, body.Secret is null),
            null, null);
    }
}
