// Timestamps read through Dapper are UTC DateTime (Npgsql maps timestamptz so); the API writes them with a Z.
namespace CemOnPrem.Governance.Holds;

/// <summary>A legal hold on a customer: while active (not released) the customer is neither erased nor purged.</summary>
public sealed record LegalHold(
    Guid HoldId, string Region, string CustomerId, string Reason, string PlacedBy, DateTime PlacedAt, string? ReleasedBy, DateTime? ReleasedAt)
{
    public bool Active => ReleasedAt is null;
}
