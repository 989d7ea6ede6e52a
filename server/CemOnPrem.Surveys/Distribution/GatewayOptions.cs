namespace CemOnPrem.Surveys.Distribution;

/// <summary>
/// <c>Cem:Surveys:Gateway</c>: the bank's SMS / app-push gateway that webhook invitations are posted to (signed with
/// <see cref="Secret"/>). Off while <see cref="Url"/> is empty.
/// </summary>
public sealed class GatewayOptions
{
    public const string Section = "Cem:Surveys:Gateway";

    public string Url { get; set; } = "";

    public string Secret { get; set; } = "";

    /// <summary>A file holding the secret (a mounted secret); wins over <see cref="Secret"/>.</summary>
    public string SecretFile { get; set; } = "";

    /// <summary>Identity types that are a gateway address, in order of preference (the first the customer has is used).</summary>
    public List<string> AddressTypes { get; set; } = ["phone", "app"];

    /// <summary>Allows an http:// gateway (tests, a gateway on the same host).</summary>
    public bool AllowHttp { get; set; }

    public bool IsEnabled => Url.Length > 0;

    public string ResolveSecret() => SecretFile.Length > 0 ? File.ReadAllText(SecretFile).Trim() : Secret;

    public IEnumerable<string> Validate()
    {
        if (!IsEnabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || (AllowHttp && url.Scheme == Uri.UriSchemeHttp))
            || url.UserInfo.Length > 0)
        {
            yield return $"{Section}:Url must be an absolute https URL without user info (http only with {Section}:AllowHttp).";
        }

        if (SecretFile.Length > 0 ? !File.Exists(SecretFile) : Secret.Length < 32)
        {
            yield return $"{Section}:Secret must be at least 32 characters (or {Section}:SecretFile name a readable file) when {Section}:Url is set.";
        }

        if (AddressTypes.Count == 0)
        {
            yield return $"{Section}:AddressTypes must name at least one identity type (e.g. phone).";
        }
    }
}
