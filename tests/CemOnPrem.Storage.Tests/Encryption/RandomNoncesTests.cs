using CemOnPrem.Storage.Encryption;
using Xunit;

namespace CemOnPrem.Storage.Tests.Encryption;

/// <summary>GCM nonces are taken from a per-thread block of CSPRNG output: each byte handed out once, on every thread.</summary>
public sealed class RandomNoncesTests
{
    [Fact]
    public void Nonces_never_repeat_across_block_refills_and_threads()
    {
        // 12-byte nonces: a 4 KiB block holds 341, so 20,000 per thread cross ~60 refills (and the 4 bytes left over each time).
        var perThread = Enumerable.Range(0, 4).AsParallel().Select(_ => Enumerable.Range(0, 20_000).Select(_ =>
        {
            var nonce = new byte[12];
            RandomNonces.Fill(nonce);
            return Convert.ToHexString(nonce);
        }).ToList()).ToList();
        var all = perThread.SelectMany(nonces => nonces).ToList();

        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(new string('0', 24), all);
    }

    [Fact]
    public void A_request_larger_than_a_quarter_block_is_filled_directly()
    {
        var large = new byte[2048];
        RandomNonces.Fill(large);

        Assert.Contains(large, b => b != 0);
    }
}
