using System.Security.Cryptography;

namespace CemOnPrem.Identity.Users;

/// <summary>
/// RFC 6238 time steps (30 s, 6 digits, HMAC-SHA1: what authenticator apps and ASP.NET Core Identity's authenticator
/// provider use). Computed here rather than through Identity because replay protection needs to know <em>which</em>
/// step a code matched, and Identity only answers yes or no.
/// </summary>
internal static class TotpSteps
{
    /// <summary>Steps either side of now that are accepted (±60 s of clock drift, as Identity accepted before).</summary>
    public const int Drift = 2;

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public static long Of(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    /// <returns>The time step within <see cref="Drift"/> of <paramref name="now"/> that <paramref name="code"/> is for, or null.</returns>
    public static long? Match(string base32Key, string code, DateTimeOffset now)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit) || FromBase32(base32Key) is not { } key)
        {
            return null;
        }

        var current = Of(now);
        long? matched = null;
        // Every step is computed and compared in constant time, so the answer's timing does not say which one matched.
        for (var step = current - Drift; step <= current + Drift; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(key, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                matched ??= step;
            }
        }

        return matched;
    }

    internal static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 with SHA-1 is what authenticator apps compute; HMAC-SHA1 is not weakened by SHA-1 collisions.
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static byte[]? FromBase32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return bytes.Count == 0 ? null : [.. bytes];
    }
}
