using System.Security.Cryptography.X509Certificates;

namespace CemOnPrem.Identity.Certificates;

/// <summary>The loaded signing and encryption certificates (loaded once per process, used by OpenIddict and data protection).</summary>
public sealed record TokenCertificateSet(X509Certificate2 Signing, X509Certificate2 Encryption);
