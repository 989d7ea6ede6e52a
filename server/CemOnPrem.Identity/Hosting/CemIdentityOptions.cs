namespace CemOnPrem.Identity.Hosting;

/// <summary>Everything under <c>Cem:Identity</c>.</summary>
public sealed class CemIdentityOptions
{
    public const string Section = "Cem:Identity";

    /// <summary>
    /// The issuer every node puts into and expects in tokens: the public base URL (e.g. <c>https://cem.bank.example/</c>).
    /// Empty: the URL of each request, which only works when every node is reached under the same host name.
    /// </summary>
    public string Issuer { get; set; } = "";

    /// <summary>Access-token lifetime. Short, because people's tokens carry roles that can change.</summary>
    public int AccessTokenSeconds { get; set; } = 300;

    public int RefreshTokenMinutes { get; set; } = 480;

    /// <summary>
    /// How long a node accepts a bearer token it fully validated (decryption, signature, token entry) without
    /// validating it again. Revocations on the same node take effect at once; on other nodes and from cemctl within
    /// this time. 0: every call is validated in full (one control-database read per call).
    /// </summary>
    public int TokenCheckCacheSeconds { get; set; } = 2;

    /// <summary>
    /// Loopback development and tests only: OpenIddict refuses plain HTTP otherwise. Behind a TLS-terminating
    /// proxy use forwarded headers instead.
    /// </summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>Token signing certificate (PFX or PEM). Required unless <see cref="GenerateCertificates"/>.</summary>
    public CertificateOptions SigningCertificate { get; set; } = new();

    /// <summary>Token encryption certificate (PFX or PEM). Required unless <see cref="GenerateCertificates"/>.</summary>
    public CertificateOptions EncryptionCertificate { get; set; } = new();

    /// <summary>
    /// Development: create self-signed signing and encryption certificates once under
    /// <c>{DataDirectory}/identity/</c>, so all local nodes share them.
    /// </summary>
    public bool GenerateCertificates { get; set; }

    /// <summary>Purposes a caller may declare in <c>X-Cem-Purpose</c> to read customer-level data.</summary>
    public List<string> Purposes { get; set; } = [];

    /// <summary>Redirect URIs of the admin UI (the public client <c>cem-admin-ui</c> people sign in through).</summary>
    public List<string> AdminUiRedirectUris { get; set; } = [];

    public PasswordPolicyOptions Password { get; set; } = new();

    public LockoutPolicyOptions Lockout { get; set; } = new();

    /// <summary>Throttling of the sign-in endpoints (429 with Retry-After).</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>The bank's identity providers people may sign in through, by name (<c>Cem:Identity:Federation:{name}</c>).</summary>
    public Dictionary<string, Federation.FederationProviderOptions> Federation { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Development: create a demo admin user and a demo ingest client and write their credentials to a file.</summary>
    public bool CreateDevCredentials { get; set; }

    internal static IReadOnlyList<string> DefaultPurposes { get; } = ["case-handling", "complaint", "dsar"];

    public IReadOnlyList<string> EffectivePurposes => Purposes.Count > 0 ? Purposes : DefaultPurposes;
}

public sealed class CertificateOptions
{
    /// <summary>A <c>.pfx</c>/<c>.p12</c> file, or a <c>.pem</c>/<c>.crt</c> certificate with <see cref="KeyPath"/>.</summary>
    public string Path { get; set; } = "";

    /// <summary>The PEM private key when <see cref="Path"/> is a PEM certificate (may be the same file).</summary>
    public string KeyPath { get; set; } = "";

    /// <summary>PFX password, or the password of an encrypted PEM key.</summary>
    public string Password { get; set; } = "";
}

public sealed class PasswordPolicyOptions
{
    public int MinimumLength { get; set; } = 12;

    public int RequiredUniqueChars { get; set; } = 4;
}

public sealed class LockoutPolicyOptions
{
    public int MaxFailedAttempts { get; set; } = 5;

    public int Minutes { get; set; } = 15;
}
