namespace CemOnPrem.Audit.Records;

/// <summary>
/// One thing to record: <c>await audit.RecordAsync(new AuditEntry(AuditActions.PackDisable, "pack/" + id, AuditOutcome.Allowed))</c>.
/// Leave <see cref="Actor"/> and <see cref="TraceId"/> empty inside a request: the trail takes them from it.
/// Resource and detail are stored as given, so they must never carry personal data (name a route, a pack, a count).
/// </summary>
public sealed record AuditEntry(string Action, string Resource, AuditOutcome Outcome)
{
    public AuditSubject? Subject { get; init; }

    public string? Region { get; init; }

    /// <summary>The purpose the caller declared (header <c>X-Cem-Purpose</c>), when there is one.</summary>
    public string? Purpose { get; init; }

    public AuditActor? Actor { get; init; }

    public string? TraceId { get; init; }

    /// <summary>Short non-personal detail: a status code, a count, a reason code.</summary>
    public string? Detail { get; init; }
}
