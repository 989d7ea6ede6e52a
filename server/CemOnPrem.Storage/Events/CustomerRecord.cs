namespace CemOnPrem.Storage.Events;

/// <summary>A customer row. <see cref="Epoch"/> changes when stitching moves rows to this customer.</summary>
public sealed record CustomerRecord(string CustomerId, DateTime CreatedAt, string? MergedInto, int Epoch);
