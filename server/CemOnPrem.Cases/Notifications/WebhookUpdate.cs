namespace CemOnPrem.Cases.Notifications;

/// <summary>
/// Applies a <see cref="WebhookUpdateBody"/> to a subscription: the merged subscription passes the same
/// <see cref="WebhookValidation"/> as a new one, so an update can never store what a create would refuse.
/// </summary>
public static class WebhookUpdate
{
    /// <returns>The new settings (with the secret to store when <c>Rotate</c>), or the field at fault and what is wrong with it.</returns>
    public static (ValidWebhook? Hook, bool Enabled, bool Rotate, string? Field, string? Error) Merge(
        WebhookSubscription current, WebhookUpdateBody? patch, IReadOnlyList<string> knownRegions, bool allowHttp)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (patch is null)
        {
            return (null, false, false, "body", "is required (a JSON object with any of name, url, events, regions, enabled, rotateSecret, secret).");
        }

        if (patch.RotateSecret == false && patch.Secret is not null)
        {
            return (null, false, false, "rotateSecret", "must not be false when a new secret is given.");
        }

        var merged = new WebhookBody(patch.Name ?? current.Name, patch.Url ?? current.Url, patch.Events ?? current.Events, patch.Regions ?? current.Regions, patch.Secret);
        var (hook, field, error) = WebhookValidation.Validate(merged, knownRegions, allowHttp);
        var rotate = patch.RotateSecret == true || patch.Secret is not null;
        return hook is null
            ? (null, false, false, field, error)
            : (hook with { SecretGenerated = rotate && hook.SecretGenerated }, patch.Enabled ?? current.Enabled, rotate, null, null);
    }
}
