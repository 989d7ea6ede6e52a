using CemOnPrem.Audit.Keys;
using CemOnPrem.Audit.Pseudonyms;
using CemOnPrem.Audit.Records;
using CemOnPrem.Testing;

namespace CemOnPrem.Audit.Tests.Keys;

public sealed class AuditKeyFilesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cem-audit-keys-" + Guid.NewGuid().ToString("N")[..8]);

    public AuditKeyFilesTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void Development_keys_are_generated_once_private_to_the_owner_and_reused()
    {
        var first = AuditKeyFiles.LoadOrCreatePseudonymKey("", _folder);
        var second = AuditKeyFiles.LoadOrCreatePseudonymKey("", _folder);
        using var signing = AuditKeyFiles.LoadOrCreateCheckpointKey("", _folder);
        using var again = AuditKeyFiles.LoadOrCreateCheckpointKey("", _folder);

        Assert.Equal(first, second);
        Assert.Equal(signing.ExportSubjectPublicKeyInfo(), again.ExportSubjectPublicKeyInfo());
        var keys = Path.Combine(_folder, "audit-keys");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, "pseudonym.key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, "checkpoint.private.pem")));
        }
        Assert.True(File.Exists(Path.Combine(keys, "checkpoint.public.pem")));
    }

    [Fact]
    public void Nodes_starting_together_on_one_data_folder_share_one_checkpoint_key_whose_public_half_matches()
    {
        var (keys, failures) = SimultaneousStart.Run(6, _ =>
        {
            using var key = AuditKeyFiles.LoadOrCreateCheckpointKey("", _folder);
            return (Public: key.ExportSubjectPublicKeyInfo(), Pseudonym: AuditKeyFiles.LoadOrCreatePseudonymKey("", _folder));
        });
        var publicKeys = keys.Select(key => key.Public).ToArray();
        var pseudonymKeys = keys.Select(key => key.Pseudonym).ToArray();

        Assert.All(failures, failure => Assert.Null(failure));
        Assert.All(publicKeys, key => Assert.Equal(publicKeys[0], key));
        Assert.All(pseudonymKeys, key => Assert.Equal(pseudonymKeys[0], key));
        using var written = System.Security.Cryptography.ECDsa.Create();
        written.ImportFromPem(File.ReadAllText(Path.Combine(_folder, "audit-keys", "checkpoint.public.pem")));
        Assert.Equal(publicKeys[0], written.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void Pseudonyms_depend_on_the_key_region_and_customer_and_reveal_neither()
    {
        var a = new SubjectPseudonyms(AuditKeyFiles.LoadOrCreatePseudonymKey("", _folder));
        var b = new SubjectPseudonyms(new byte[32]);
        var subject = new AuditSubject("eu-central", "c-0123456789abcdef0123456789abcdef");

        Assert.Matches("^ps1-[0-9a-f]{32}$", a.Of(subject));
        Assert.Equal(a.Of(subject), a.Of(subject with { }));
        Assert.NotEqual(a.Of(subject), b.Of(subject));
        Assert.NotEqual(a.Of(subject), a.Of(subject with { Region = "cn-east" }));
        Assert.DoesNotContain("0123456789abcdef", a.Of(subject), StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_files_are_checked_at_start_with_the_setting_named()
    {
        var shortKey = Path.Combine(_folder, "short.key");
        File.WriteAllText(shortKey, Convert.ToBase64String(new byte[8]));
        var notPem = Path.Combine(_folder, "not.pem");
        File.WriteAllText(notPem, "hello");

        Assert.Equal([$"Cem:Audit:PseudonymKeyFile: {shortKey} holds 8 bytes; at least 32 are needed.", $"Cem:Audit:CheckpointKeyFile: {notPem} is not an ECDSA private key in PEM form."],
            new AuditOptionsValidator().Validate(null, new AuditOptions { PseudonymKeyFile = shortKey, CheckpointKeyFile = notPem }).Failures);
        Assert.Equal(["Cem:Audit:PseudonymKeyFile: /nowhere/key does not exist."],
            new AuditOptionsValidator().Validate(null, new AuditOptions { PseudonymKeyFile = "/nowhere/key" }).Failures);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
