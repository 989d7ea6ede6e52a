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

    /// <summary><c>cemctl customers check-identities</c>: a region's identities decrypted and checked (no customer named).</summary>
    public const string CustomerIdentityCheck = "customer.identity-check";
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

    /// <summary>A node found the chain no longer extending the last signed checkpoint (docs/audit.md, "A broken tail").</summary>
    public const string AuditChainBroken = "audit.chain-broken";
    public const string AnalyticsVerify = "analytics.verify";
    public const string AnalyticsRebuild = "analytics.rebuild";
    public const string ResidencyTransferAllowed = "residency.transfer-allowed";
    public const string ResidencyTransferDenied = "residency.transfer-denied";

    // Identity (login page, /connect/logout, federation, cemctl users/clients); actors and resources name ids, never typed names.
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LoginLockout = "login.lockout";
    public const string LoginFederated = "login.federated";
    public const string Logout = "login.logout";
    public const string UserAdd = "user.add";
    public const string UserDisable = "user.disable";
    public const string UserRolesChange = "user.roles-change";
    public const string UserScopeChange = "user.scope-change";
    public const string UserMfaEnrol = "user.mfa-enrol";
    public const string UserMfaReset = "user.mfa-reset";
    public const string UserPasswordReset = "user.password-reset";
    public const string UserFederationLink = "user.federation-link";
    public const string ClientAdd = "client.add";
    public const string ClientRotateSecret = "client.rotate-secret";
    public const string ClientRevoke = "client.revoke";

    /// <summary>The effective <c>Cem:</c> configuration differs from the one recorded last (key names only, never values).</summary>
    public const string ConfigChanged = "config.changed";

    // Privacy controls (consent, data-subject requests, erasure, legal holds, retention).
    public const string ConsentRecord = "consent.record";
    public const string ConsentRead = "consent.read";
    public const string DsarRequest = "dsar.request";
    public const string DsarRead = "dsar.read";
    public const string DsarList = "dsar.list";
    public const string DsarApprove = "dsar.approve";
    public const string DsarReject = "dsar.reject";
    public const string DsarComplete = "dsar.complete";
    public const string ErasureExecute = "erasure.execute";
    public const string ErasureRefused = "erasure.refused";
    public const string ErasureReceiptRead = "erasure.receipt-read";
    public const string LegalHoldPlace = "legal-hold.place";
    public const string LegalHoldRelease = "legal-hold.release";
    public const string LegalHoldList = "legal-hold.list";
    public const string PurgeRetention = "purge.retention";
    public const string PurgeRetentionDryRun = "purge.retention-dry-run";

    // Field-level encryption and data-subject exports.
    public const string KeyRotate = "key.rotate";
    public const string DsarExport = "dsar.export";

    // Cases (issue 21, handling): every read and write of a case is recorded with the case's customer as subject.
    public const string CaseList = "case.list";
    public const string CaseRead = "case.read";
    public const string CaseOpen = "case.open";
    public const string CaseTransition = "case.transition";
    public const string CaseAssign = "case.assign";
    public const string CaseNote = "case.note";
    public const string CaseRootCause = "case.root-cause";

    // Working calendars (cases: business-time clocks; docs/cases.md).
    public const string CalendarReplace = "calendar.replace";
    public const string CalendarImport = "calendar.import";

    // Survey definitions (issue 22): admin-made surveys' drafts and published versions (not personal data).
    public const string SurveyDraftCreate = "survey-definition.draft-create";
    public const string SurveyDraftReplace = "survey-definition.draft-replace";
    public const string SurveyDraftDelete = "survey-definition.draft-delete";
    public const string SurveyPublish = "survey-definition.publish";

    /// <summary>Categories of privileged (administrative or security) actions; other branches add theirs: user., role., client., key., config., purge.</summary>
    public static IReadOnlyList<string> PrivilegedCategories { get; } =
        ["pack", "org-unit", "audit", "analytics", "user", "role", "client", "key", "config", "purge", "login", "calendar", "webhook",
         "survey-definition"];

    /// <summary>Categories of data-subject exports and requests (DSAR, erasure).</summary>
    public static IReadOnlyList<string> ExportCategories { get; } = ["export", "dsar", "erasure"];

    /// <summary>Cross-region (residency) decisions.</summary>
    public const string CrossRegionCategory = "residency";
}
