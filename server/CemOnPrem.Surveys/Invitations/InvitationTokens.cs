using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// An invitation's link token: 32 random bytes, base64url (43 characters), unguessable and carrying nothing personal.
/// Only its SHA-256 is stored, so a copy of the database cannot answer anyone's survey.
/// </summary>
public static class InvitationTokens
{
    public const int Length = 43;

    public static (string Token, byte[] Hash) New()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    /// <summary>Whether a string from a URL has a token's shape (checked before any database look-up).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
