using System.Security.Cryptography;
using CemOnPrem.Packs.Hosting.Signing;

namespace CemOnPrem.Packs.Hosting.Tests.Support;

/// <summary>Publisher keys made once per test run (key generation is cheap, but one key per role reads better).</summary>
public static class TestKeys
{
    public const string Publisher = "Example Packs";

    public static ECDsa Signing { get; } = PublisherKeys.Generate();

    public static ECDsa Other { get; } = PublisherKeys.Generate();

    public static string SigningPublicPem => Signing.ExportSubjectPublicKeyInfoPem();

    public static string OtherPublicPem => Other.ExportSubjectPublicKeyInfoPem();

    /// <summary>Trusts <see cref="Signing"/> for <see cref="Publisher"/>.</summary>
    public static TrustedPublisherKeys Trusted() =>
        new TrustedPublisherKeys().Add(Publisher, PublisherKeys.ImportPublicKey(SigningPublicPem));

    /// <remarks>Generous default timeouts: only the timeout tests may time out, however busy the test machine is.</remarks>
    public static PackHostOptions Options(string directory, bool allowUnsigned = false, int callTimeoutMs = 10_000, int loadTimeoutMs = 30_000) => new()
    {
        Directory = directory,
        AllowUnsigned = allowUnsigned,
        CallTimeoutMilliseconds = callTimeoutMs,
        LoadTimeoutMilliseconds = loadTimeoutMs,
        TrustedPublishers = new(StringComparer.OrdinalIgnoreCase) { [Publisher] = new TrustedPublisherOptions { PublicKey = SigningPublicPem } },
    };
}
