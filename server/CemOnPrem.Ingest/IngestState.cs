namespace CemOnPrem.Ingest;

/// <summary>How far an event got through <see cref="IngestPipeline"/>: Parsed, Admitted and Queued are on the way; the others are answers.</summary>
internal enum IngestState
{
    /// <summary>Parsed; not yet routed or validated.</summary>
    Parsed,

    /// <summary>Refused: malformed (400), unknown region, unusable identity, unknown org unit (422).</summary>
    Invalid,

    /// <summary>Refused: its region is not written by this node (421, or 503 when no node serves it).</summary>
    Misdirected,

    /// <summary>Refused: outside the client's region/org-unit binding (403).</summary>
    Forbidden,

    /// <summary>Refused: its region's writer queue is full (503, Retry-After).</summary>
    Overloaded,

    /// <summary>Not stored: its region's database was unavailable (503; a batch item only, one event fails whole).</summary>
    StoreUnavailable,

    /// <summary>Valid, known and within the binding; waiting to be handed to its region writer.</summary>
    Admitted,

    /// <summary>Handed to its region writer; answered from the receipt once committed.</summary>
    Queued,
}
