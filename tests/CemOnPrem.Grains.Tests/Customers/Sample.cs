using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Grains.Tests.Customers;

/// <summary>Builds events with identities unique to one test, so tests can share databases and a cluster.</summary>
internal sealed class Sample
{
    /// <summary>A fixed, whole-second instant: PostgreSQL keeps microseconds, so times round-trip exactly.</summary>
    public static readonly DateTimeOffset Noon = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _tag = Guid.NewGuid().ToString("N")[..10];
    private int _next;

    public CustomerIdentity Account(int n) => new("account", $"acct-{_tag}-{n}");

    public CustomerIdentity Email(int n) => new("email", $"person{n}.{_tag}@example.invalid");

    public NewEvent Event(string region, DateTimeOffset occurredAt, params CustomerIdentity[] identities) =>
        Event(region, occurredAt, new Dictionary<string, double> { ["nps"] = 9 }, identities);

    public NewEvent Event(string region, DateTimeOffset occurredAt, IReadOnlyDictionary<string, double> scores, params CustomerIdentity[] identities) => new(
        "test-channel", $"{_tag}-{Interlocked.Increment(ref _next)}", region, "feedback", "branch-visit", "branch-01",
        occurredAt, identities, new Dictionary<string, string> { ["lang"] = "en" }, scores, "fine");
}
