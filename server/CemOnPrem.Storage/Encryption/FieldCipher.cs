using System.Security.Cryptography;
using System.Text;

namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// The stored form of an encrypted field: <c>[format 0x01][key id, 16 bytes][nonce, 12][ciphertext][tag, 16]</c>,
/// AES-256-GCM. The key id travels with the ciphertext, so rows keep the key they were written with when
/// stitching moves them to another customer. The associated data names table, column and row
/// (<c>events|pii|{source}/{eventId}</c>): a ciphertext copied to another row or column does not decrypt.
/// </summary>
public static class FieldCipher
{
    public const byte FormatAesGcmV1 = 0x01;
    private const int KeyIdSize = 16;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + KeyIdSize + NonceSize;

    public static byte[] Encrypt(DataKey key, string associatedData, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        var envelope = new byte[HeaderSize + plaintext.Length + TagSize];
        envelope[0] = FormatAesGcmV1;
        key.KeyId.TryWriteBytes(envelope.AsSpan(1, KeyIdSize));
        var nonce = envelope.AsSpan(1 + KeyIdSize, NonceSize);
        RandomNonces.Fill(nonce);
        using var aes = new AesGcm(key.Material, TagSize);
        aes.Encrypt(nonce, plaintext, envelope.AsSpan(HeaderSize, plaintext.Length), envelope.AsSpan(HeaderSize + plaintext.Length), Encoding.UTF8.GetBytes(associatedData));
        return envelope;
    }

    public static byte[] EncryptText(DataKey key, string associatedData, string plaintext) =>
        Encrypt(key, associatedData, Encoding.UTF8.GetBytes(plaintext));

    /// <exception cref="CryptographicException">Not a known format, too short.</exception>
    public static Guid KeyIdOf(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length < HeaderSize + TagSize || envelope[0] != FormatAesGcmV1)
        {
            throw new CryptographicException($"Not an encrypted field of a known format (format byte {(envelope.IsEmpty ? "missing" : envelope[0].ToString(System.Globalization.CultureInfo.InvariantCulture))}).");
        }

        return new Guid(envelope.Slice(1, KeyIdSize));
    }

    /// <exception cref="CryptographicException">Wrong key, wrong associated data or tampered bytes (GCM tag mismatch).</exception>
    public static byte[] Decrypt(DataKey key, string associatedData, ReadOnlySpan<byte> envelope)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (KeyIdOf(envelope) != key.KeyId)
        {
            throw new CryptographicException("The field was encrypted under another data key.");
        }

        var length = envelope.Length - HeaderSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key.Material, TagSize);
        aes.Decrypt(envelope.Slice(1 + KeyIdSize, NonceSize), envelope.Slice(HeaderSize, length), envelope[^TagSize..], plaintext, Encoding.UTF8.GetBytes(associatedData));
        return plaintext;
    }
}
