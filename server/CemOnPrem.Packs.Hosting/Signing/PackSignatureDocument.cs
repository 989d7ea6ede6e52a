namespace CemOnPrem.Packs.Hosting.Signing;

/// <summary>
/// <c>.cem-pack/signature</c>: who signed, with which key, and the signature over the exact bytes of
/// <c>.cem-pack/files.sha256</c> (base64 of the IEEE P1363 form r‖s, 64 bytes for P-256).
/// </summary>
/// <param name="Publisher">The publisher, as in <c>pack.json</c>.</param>
/// <param name="KeyId">Lower-case hex SHA-256 of the signing key's public SubjectPublicKeyInfo.</param>
/// <param name="Algorithm">Always <see cref="PublisherKeys.Algorithm"/>.</param>
/// <param name="Signature">Base64 signature.</param>
public sealed record PackSignatureDocument(string Publisher, string KeyId, string Algorithm, string Signature);
