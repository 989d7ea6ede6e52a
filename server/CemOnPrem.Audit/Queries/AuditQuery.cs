namespace CemOnPrem.Audit.Queries;

/// <summary>A compliance question: which records match, oldest first, from <see cref="After"/> on (keyset paging).</summary>
public sealed record AuditQuery
{
    public AuditCategory? Category { get; init; }

    public string? Action { get; init; }

    public string? Actor { get; init; }

    public string? Outcome { get; init; }

    /// <summary>A pseudonym (<c>ps1-…</c>), never an identity value.</summary>
    public string? Subject { get; init; }

    public string? Region { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public long After { get; init; }
}

/// <summary>The groups of actions compliance officers ask about.</summary>
public enum AuditCategory
{
    /// <summary>Reads and lookups of customer-level data.</summary>
    CustomerData,

    /// <summary>Exports, data-subject access requests, erasures.</summary>
    Exports,

    /// <summary>Every denied attempt, whatever the action.</summary>
    Denied,

    /// <summary>Cross-region (residency) decisions.</summary>
    CrossRegion,

    /// <summary>Administrative and security actions (packs, org units, users, roles, clients, keys, configuration, purges, the audit API).</summary>
    Privileged,

    /// <summary>Machine ingest requests.</summary>
    Ingest,
}
