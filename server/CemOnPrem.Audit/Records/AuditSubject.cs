namespace CemOnPrem.Audit.Records;

/// <summary>
/// The customer whose data was touched. Never stored: the trail keeps only the keyed pseudonym of
/// (region, customer id), so the audit table holds no personal data.
/// </summary>
public sealed record AuditSubject(string Region, string CustomerId);
