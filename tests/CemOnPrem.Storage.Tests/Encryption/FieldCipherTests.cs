using System.Security.Cryptography;
using System.Text;
using CemOnPrem.Storage.Encryption;

namespace CemOnPrem.Storage.Tests.Encryption;

public sealed class FieldCipherTests
{
    private static readonly DataKey Key = new(Guid.CreateVersion7(), RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_field_decrypts_with_its_key_and_associated_data()
    {
        var envelope = FieldCipher.EncryptText(Key, "events|pii|src/1", "Jana Nováková");

        Assert.Equal(FieldCipher.FormatAesGcmV1, envelope[0]);
        Assert.Equal(Key.KeyId, FieldCipher.KeyIdOf(envelope));
        Assert.Equal("Jana Nováková", Encoding.UTF8.GetString(FieldCipher.Decrypt(Key, "events|pii|src/1", envelope)));
    }

    [Fact]
    public void A_field_copied_to_another_row_does_not_decrypt()
    {
        var envelope = FieldCipher.EncryptText(Key, "events|pii|src/1", "secret");

        Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Decrypt(Key, "events|pii|src/2", envelope));
    }

    [Theory]
    [InlineData(0)] // the format byte
    [InlineData(20)] // the nonce
    [InlineData(35)] // the ciphertext
    [InlineData(-1)] // the tag
    public void A_tampered_field_does_not_decrypt(int position)
    {
        var envelope = FieldCipher.EncryptText(Key, "customer_identities|id_value|email/AB", "ann@example.com");
        envelope[position < 0 ? envelope.Length + position : position] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Decrypt(Key, "customer_identities|id_value|email/AB", envelope));
    }

    [Fact]
    public void Another_customers_key_does_not_decrypt()
    {
        var envelope = FieldCipher.EncryptText(Key, "events|pii|src/1", "secret");
        var other = new DataKey(Key.KeyId, RandomNumberGenerator.GetBytes(32));

        Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Decrypt(other, "events|pii|src/1", envelope));
    }

    [Fact]
    public void A_data_key_never_prints_its_bytes()
    {
        Assert.Equal($"DataKey {Key.KeyId}", Key.ToString());
    }
}
