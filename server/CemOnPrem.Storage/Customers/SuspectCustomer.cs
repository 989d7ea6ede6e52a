namespace CemOnPrem.Storage.Customers;

/// <summary>
/// A customer holding identities that fail today's <see cref="Contracts.Customers.IdentityRules"/> (found by <see cref="UnusableIdentityFinder"/>).
/// Types only, never values: the report goes to operators' terminals and tickets.
/// </summary>
/// <param name="UnusableTypes">Types of identities whose value identifies no one: strangers may have met on it.</param>
/// <param name="NotNormalisedTypes">Types of usable identities stored in an older normal form (e.g. a phone kept as
/// "0049…" before E.164): lookups and new events no longer meet them.</param>
/// <param name="Identities">How many identities the customer holds (several people's, if a junk value stitched them).</param>
/// <param name="MergedIn">How many customers were merged into this one.</param>
public sealed record SuspectCustomer(string CustomerId, SortedSet<string> UnusableTypes, SortedSet<string> NotNormalisedTypes, int Identities, int MergedIn);
