namespace CemOnPrem.Storage.Events;

/// <summary>What one committed append did: a receipt per input event, in input order, and the customers it changed.</summary>
public sealed record AppendOutcome(IReadOnlyList<EventReceipt> Receipts, IReadOnlyList<CustomerChange> ChangedCustomers);

/// <summary>
/// A customer whose projection is stale after an append: new events up to <paramref name="Sequence"/>,
/// or rows merged in/out by identity stitching (<paramref name="Rebuild"/>).
/// </summary>
public sealed record CustomerChange(string CustomerId, long Sequence, bool Rebuild);
