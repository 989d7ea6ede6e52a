using CemOnPrem.Packs.Hosting.Tests.Support;

namespace CemOnPrem.Packs.Hosting.Tests;

public sealed class PackHostOptionsValidationTests
{
    [Fact]
    public void Valid_options_pass()
    {
        Assert.Empty(PackHostOptionsValidation.Validate(TestKeys.Options(Path.GetTempPath()), directoryIsExplicit: true));
    }

    [Fact]
    public void Every_problem_names_its_setting()
    {
        var options = new PackHostOptions
        {
            Directory = "/nonexistent/packs",
            CallTimeoutMilliseconds = 0,
            LoadTimeoutMilliseconds = -1,
            TrustedPublishers = new(StringComparer.OrdinalIgnoreCase)
            {
                ["Both"] = new() { PublicKey = TestKeys.SigningPublicPem, PublicKeyFile = "/x.pem" },
                ["Neither"] = new(),
                ["Garbage"] = new() { PublicKey = "not a key" },
                ["Missing"] = new() { PublicKeyFile = "/nonexistent/key.pem" },
            },
        };

        var errors = PackHostOptionsValidation.Validate(options, directoryIsExplicit: true);

        Assert.Equal(7, errors.Count);
        Assert.Contains("Cem:Packs:Directory: '/nonexistent/packs' does not exist (a folder with one sub-folder per pack).", errors);
        Assert.Contains("Cem:Packs:CallTimeoutMilliseconds: 0 is outside 1..60000.", errors);
        Assert.Contains("Cem:Packs:LoadTimeoutMilliseconds: -1 is outside 1..600000.", errors);
        Assert.Contains("Cem:Packs:TrustedPublishers:Both: set exactly one of PublicKey (PEM text) or PublicKeyFile (path of a PEM file).", errors);
        Assert.Contains("Cem:Packs:TrustedPublishers:Neither: set exactly one of PublicKey (PEM text) or PublicKeyFile (path of a PEM file).", errors);
        Assert.Contains(errors, error => error.StartsWith("Cem:Packs:TrustedPublishers:Garbage:PublicKey: not an ECDSA public key in PEM format", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("Cem:Packs:TrustedPublishers:Missing:PublicKeyFile: cannot read '/nonexistent/key.pem'", StringComparison.Ordinal));
    }

    [Fact]
    public void Default_directory_may_be_missing()
    {
        Assert.Empty(PackHostOptionsValidation.Validate(new PackHostOptions { Directory = "/nonexistent/packs" }, directoryIsExplicit: false));
    }

    [Fact]
    public void Rsa_key_is_refused()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var options = new PackHostOptions { TrustedPublishers = new(StringComparer.OrdinalIgnoreCase) { ["Rsa"] = new() { PublicKey = rsa.ExportSubjectPublicKeyInfoPem() } } };

        var error = Assert.Single(PackHostOptionsValidation.Validate(options, directoryIsExplicit: false));

        Assert.StartsWith("Cem:Packs:TrustedPublishers:Rsa:PublicKey: not an ECDSA public key in PEM format", error, StringComparison.Ordinal);
    }
}
