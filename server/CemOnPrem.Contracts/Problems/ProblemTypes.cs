namespace CemOnPrem.Contracts.Problems;

/// <summary>
/// The one catalogue of stable RFC 7807 <c>type</c> values, so clients can branch on the kind of error. Every module
/// answers with these; docs/architecture.md lists what each means.
/// </summary>
public static class ProblemTypes
{
    public const string Validation = "urn:cem:problem:validation";
    public const string UnknownRegion = "urn:cem:problem:unknown-region";
    public const string UnknownOrgUnit = "urn:cem:problem:unknown-org-unit";
    public const string UnusableIdentity = "urn:cem:problem:unusable-identity";
    public const string EventIdConflict = "urn:cem:problem:event-id-conflict";
    public const string TooLarge = "urn:cem:problem:payload-too-large";
    public const string UnsupportedMediaType = "urn:cem:problem:unsupported-media-type";
    public const string Overloaded = "urn:cem:problem:overloaded";
    public const string StoreUnavailable = "urn:cem:problem:store-unavailable";
    public const string NotFound = "urn:cem:problem:not-found";
    public const string Merged = "urn:cem:problem:customer-merged";
    public const string NotReady = "urn:cem:problem:not-ready";
    public const string Internal = "urn:cem:problem:internal";
    public const string AuditUnavailable = "urn:cem:problem:audit-unavailable";
    public const string RegionNotServedHere = "urn:cem:problem:region-not-served-here";
    public const string RegionUnavailable = "urn:cem:problem:region-unavailable";
    public const string TransferDenied = "urn:cem:problem:transfer-denied";
    public const string Forbidden = "urn:cem:problem:forbidden";
    public const string Unauthenticated = "urn:cem:problem:unauthenticated";
    public const string TooManyRequests = "urn:cem:problem:too-many-requests";
    public const string Conflict = "urn:cem:problem:conflict";
    public const string LegalHold = "urn:cem:problem:legal-hold";
    public const string NotImplemented = "urn:cem:problem:not-implemented";
    public const string PackRefused = "urn:cem:problem:pack-refused";
    // Optimistic concurrency (cases): a write without If-Match (428), or based on a stale version (412).
    public const string PreconditionRequired = "urn:cem:problem:precondition-required";
    public const string PreconditionFailed = "urn:cem:problem:precondition-failed";
}
