namespace CemOnPrem.Packs.Hosting;

/// <summary>The <c>Cem:Packs</c> configuration section: where packs live, whom to trust, how long pack code may take.</summary>
public sealed class PackHostOptions
{
    /// <summary>Configuration path of this section.</summary>
    public const string Section = "Cem:Packs";

    /// <summary>Folder holding one sub-folder per pack. Empty: the host chooses a default (<c>{DataDirectory}/packs</c> in the server).</summary>
    public string Directory { get; set; } = "";

    /// <summary>Publishers whose signatures are trusted, by publisher name (as in <c>pack.json</c>; compared case-insensitively).</summary>
    public Dictionary<string, TrustedPublisherOptions> TrustedPublishers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Development only: load packs that carry no signature at all (tampered or wrongly signed packs stay refused).</summary>
    public bool AllowUnsigned { get; set; }

    /// <summary>Longest a single call into pack code may take before the pack is disabled.</summary>
    public int CallTimeoutMilliseconds { get; set; } = 200;

    /// <summary>Longest creating a pack's entry point (its constructor and calculator list) may take before the pack is refused.</summary>
    public int LoadTimeoutMilliseconds { get; set; } = 5000;
}

/// <summary>One trusted publisher: its ECDSA P-256 public key, inline or in a file (exactly one of the two).</summary>
public sealed class TrustedPublisherOptions
{
    /// <summary>PEM text of the public key (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public string? PublicKey { get; set; }

    /// <summary>Path of a PEM file holding the public key.</summary>
    public string? PublicKeyFile { get; set; }
}
