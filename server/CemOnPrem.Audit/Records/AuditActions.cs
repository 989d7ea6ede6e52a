namespace CemOnPrem.Audit.Records;

/// <summary>
/// The action names the trail records (stored and hashed: add names, never rename). The part before
/// the dot is the category the compliance queries filter on.
/// </summary>
public static class AuditActions
{
    public const string CustomerRead = "customer.read";
    public const string CustomerTimelineRead = "customer.timeline-read";
    public const string CustomerLookup = "customer.lookup";
    public const string CustomerJourneysRead = "customer.journeys-read";
    public const string IngestEvent = "ingest.event";
    public const string IngestBatch = "ingest.batch";
    public const string AccessDenied = "access.denied";
    public const string PackEnable = "pack.enable";
    public const string PackDisable = "pack.disable";
    public const string PackFault = "pack.fault";
    public const string PackRefused = "pack.refused";
    public const string PackLoaded = "pack.loaded";
    public const string OrgUnitWrite = "org-unit.write";
    public const string OrgUnitImport = "org-unit.import";
    public const string AuditQuery = "audit.query";
    public const string AuditSubjectResolve = "audit.subject-resolve";
    public const string AuditExport = "audit.export";
    public const string AuditVerify = "audit.verify";
    public const string AnalyticsVerify = "analytics.verify";
    public const string AnalyticsRebuild = "analytics.rebuild";
    public const string KeyRotate = "key.rotate";
    public const string DsarExport = "dsar.export";

    /// <summary>Categories of privileged (administrative or security) actions; other branches add theirs: user., role., client., key., config., purge.</summary>
    public static IReadOnlyList<string> PrivilegedCategories { get; } =
        ["pack", "org-unit", "audit", "analytics", "user", "role", "client", "key", "config", "purge", "login"];

    /// <summary>Categories of data-subject exports and requests (DSAR, erasure).</summary>
    public static IReadOnlyList<string> ExportCategories { get; } = ["export", "dsar", "erasure"];

    /// <summary>Cross-region (residency) decisions.</summary>
    public const string CrossRegionCategory = "residency";
}
