namespace CemOnPrem.Governance.Export;

/// <summary>The customer an export is about, and every customer identity stitching merged into it.</summary>
public sealed record ExportSubject(string Region, string CustomerId, DateTimeOffset CreatedAt, IReadOnlyList<string> MergedCustomerIds);
