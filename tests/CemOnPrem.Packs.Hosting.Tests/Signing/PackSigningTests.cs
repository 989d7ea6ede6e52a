using CemOnPrem.Packs.Hosting.Signing;
using CemOnPrem.Packs.Hosting.Tests.Support;

namespace CemOnPrem.Packs.Hosting.Tests.Signing;

public sealed class PackSigningTests : IDisposable
{
    private readonly TestPackDirectory _packs = new();

    [Fact]
    public void Signed_pack_verifies_and_lists_every_file_sorted()
    {
        var pack = _packs.AddDataPack("a");

        var check = PackSigning.Verify(pack, TestKeys.Trusted(), TestKeys.Publisher);

        Assert.Equal(SignatureOutcome.Verified, check.Outcome);
        Assert.Empty(check.Problems);
        Assert.Equal(PublisherKeys.KeyId(TestKeys.Signing), check.KeyId);
        var lines = File.ReadAllLines(Path.Combine(pack, ".cem-pack", "files.sha256"));
        Assert.Equal(["journeys/visit.json", "pack.json"], lines.Select(line => line[66..]));
        Assert.All(lines, line => Assert.Matches("^[0-9a-f]{64}  ", line));
    }

    [Fact]
    public void Changed_file_is_named()
    {
        var pack = _packs.AddDataPack("a");
        File.AppendAllText(Path.Combine(pack, "journeys", "visit.json"), " ");

        var check = PackSigning.Verify(pack, TestKeys.Trusted());

        Assert.Equal(SignatureOutcome.Invalid, check.Outcome);
        Assert.Equal(["file changed: journeys/visit.json"], check.Problems);
    }

    [Fact]
    public void Added_and_removed_files_are_named()
    {
        var pack = _packs.AddDataPack("a");
        File.WriteAllText(Path.Combine(pack, "journeys", "extra.json"), "{}");
        File.Delete(Path.Combine(pack, "journeys", "visit.json"));

        var check = PackSigning.Verify(pack, TestKeys.Trusted());

        Assert.Equal(["file removed: journeys/visit.json", "file added: journeys/extra.json"], check.Problems);
    }

    [Fact]
    public void Pack_signed_with_another_key_is_an_unknown_key()
    {
        var pack = _packs.AddDataPack("a", sign: false);
        PackSigning.Sign(pack, TestKeys.Other, TestKeys.Publisher);

        var check = PackSigning.Verify(pack, TestKeys.Trusted());

        var problem = Assert.Single(check.Problems);
        Assert.Equal($"unknown key {PublisherKeys.KeyId(TestKeys.Other)} for publisher '{TestKeys.Publisher}' (the trusted key is {PublisherKeys.KeyId(TestKeys.Signing)})", problem);
    }

    [Fact]
    public void Signature_of_another_key_under_the_trusted_key_id_is_a_bad_signature()
    {
        var pack = _packs.AddDataPack("a", sign: false);
        PackSigning.Sign(pack, TestKeys.Other, TestKeys.Publisher);
        var signatureFile = Path.Combine(pack, ".cem-pack", "signature");
        File.WriteAllText(signatureFile, File.ReadAllText(signatureFile).Replace(PublisherKeys.KeyId(TestKeys.Other), PublisherKeys.KeyId(TestKeys.Signing), StringComparison.Ordinal));

        var check = PackSigning.Verify(pack, TestKeys.Trusted());

        Assert.Equal([$"bad signature: .cem-pack/files.sha256 does not match the signature of publisher '{TestKeys.Publisher}'"], check.Problems);
    }

    [Fact]
    public void Edited_file_list_is_a_bad_signature()
    {
        var pack = _packs.AddDataPack("a");
        File.AppendAllText(Path.Combine(pack, "journeys", "visit.json"), " ");
        // An attacker updates the hash list to match: the signature no longer covers it.
        File.WriteAllBytes(Path.Combine(pack, ".cem-pack", "files.sha256"), PackFileList.Format(PackFileList.Compute(pack)));

        var check = PackSigning.Verify(pack, TestKeys.Trusted());

        Assert.StartsWith("bad signature: ", Assert.Single(check.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_publisher_is_named()
    {
        var pack = _packs.AddDataPack("a", publisher: "Stranger");

        var check = PackSigning.Verify(pack, TestKeys.Trusted(), "Stranger");

        Assert.Equal(["unknown publisher 'Stranger': not a trusted publisher of this host"], check.Problems);
    }

    [Fact]
    public void Signature_of_another_publisher_than_the_manifest_is_refused()
    {
        var pack = _packs.AddDataPack("a");

        var check = PackSigning.Verify(pack, TestKeys.Trusted(), "Someone Else");

        Assert.Equal([$"publisher mismatch: signed by '{TestKeys.Publisher}' but pack.json names 'Someone Else'"], check.Problems);
    }

    [Fact]
    public void Unsigned_pack_is_reported_as_not_signed()
    {
        var pack = _packs.AddDataPack("a", sign: false);

        var check = PackSigning.Verify(pack, TestKeys.Trusted());

        Assert.Equal(SignatureOutcome.NotSigned, check.Outcome);
        Assert.Equal(["missing signature: the pack has no .cem-pack/signature"], check.Problems);
    }

    [Fact]
    public void File_list_without_signature_is_invalid()
    {
        var pack = _packs.AddDataPack("a");
        File.Delete(Path.Combine(pack, ".cem-pack", "signature"));

        var check = PackSigning.Verify(pack, TestKeys.Trusted());

        Assert.Equal(SignatureOutcome.Invalid, check.Outcome);
        Assert.Equal(["missing signature: .cem-pack/signature is missing (.cem-pack/files.sha256 is present)"], check.Problems);
    }

    [Fact]
    public void Symbolic_link_in_a_pack_cannot_be_signed()
    {
        var pack = _packs.AddDataPack("a", sign: false);
        File.CreateSymbolicLink(Path.Combine(pack, "journeys", "linked.json"), "/etc/hostname");

        var ex = Assert.Throws<PackSignatureException>(() => PackSigning.Sign(pack, TestKeys.Signing, TestKeys.Publisher));

        Assert.Equal("symbolic link not allowed in a pack: journeys/linked.json", ex.Message);
    }

    [Fact]
    public void Many_problems_are_summarised_in_the_reason()
    {
        var pack = _packs.AddDataPack("a");
        for (var i = 0; i < 7; i++)
        {
            File.WriteAllText(Path.Combine(pack, $"extra{i}.txt"), "x");
        }

        var check = PackSigning.Verify(pack, TestKeys.Trusted());

        Assert.Equal(7, check.Problems.Count);
        Assert.EndsWith("file added: extra4.txt; and 2 more", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void File_list_parsing_rejects_unsorted_lines()
    {
        var hash = new string('a', 64);
        var ex = Assert.Throws<PackSignatureException>(() => PackFileList.Parse(System.Text.Encoding.UTF8.GetBytes($"{hash}  b\n{hash}  a\n")));

        Assert.Equal(".cem-pack/files.sha256 is malformed at line 2: paths must be unique and sorted.", ex.Message);
    }

    public void Dispose() => _packs.Dispose();
}
