using System.Security.Cryptography;

namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// Random GCM nonces, drawn from the system's CSPRNG a block at a time: one call into the random generator per
/// <see cref="BlockSize"/> bytes instead of one per encrypted field, which was ~4 % of the server's CPU under batch
/// ingest (docs/performance.md, seventh session). Each thread has its own block and every byte is handed out once, so
/// the nonces are exactly as random as one call per nonce would make them.
/// </summary>
internal static class RandomNonces
{
    private const int BlockSize = 4096;

    [ThreadStatic]
    private static byte[]? _block;

    [ThreadStatic]
    private static int _next;

    public static void Fill(Span<byte> nonce)
    {
        if (nonce.Length > BlockSize / 4)
        {
            RandomNumberGenerator.Fill(nonce);
            return;
        }

        var block = _block;
        if (block is null || _next + nonce.Length > BlockSize)
        {
            block ??= _block = new byte[BlockSize];
            RandomNumberGenerator.Fill(block);
            _next = 0;
        }

        var taken = block.AsSpan(_next, nonce.Length);
        taken.CopyTo(nonce);
        _next += nonce.Length;
    }
}
