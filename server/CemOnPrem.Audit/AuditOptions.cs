using System.ComponentModel.DataAnnotations;

namespace CemOnPrem.Audit;

/// <summary><c>Cem:Audit</c>: keys and pacing of the audit trail.</summary>
public sealed class AuditOptions
{
    public const string Section = "Cem:Audit";

    /// <summary>
    /// File holding the pseudonym key (base64 of 32 random bytes). Empty: <c>{DataDirectory}/audit-keys/pseudonym.key</c>,
    /// generated on first start (development). Every node of a cluster must use the same key.
    /// </summary>
    public string PseudonymKeyFile { get; set; } = "";

    /// <summary>
    /// ECDSA P-256 private key (PEM) that signs checkpoints. Empty: <c>{DataDirectory}/audit-keys/checkpoint.private.pem</c>,
    /// generated on first start (development).
    /// </summary>
    public string CheckpointKeyFile { get; set; } = "";

    /// <summary>How often the head of the chain is signed (when it moved).</summary>
    [Range(1, 86400)]
    public int CheckpointIntervalSeconds { get; set; } = 60;

    /// <summary>Most records one append transaction links and commits.</summary>
    [Range(1, 100_000)]
    public int MaxRecordsPerCommit { get; set; } = 1000;

    /// <summary>Records waiting to be appended before new accesses are refused (503).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// Record machine ingest (one record per request). Turned off only to measure its cost
    /// (<c>./cem bench</c>); a warning is logged at start when off.
    /// </summary>
    public bool RecordIngest { get; set; } = true;
}
