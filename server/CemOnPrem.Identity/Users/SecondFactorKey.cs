namespace CemOnPrem.Identity.Users;

/// <summary>A TOTP shared secret (base32) and the <c>otpauth://</c> URI authenticator apps read.</summary>
public sealed record SecondFactorKey(string Secret, string OtpAuthUri);
