using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Storage.Tests.Events;

/// <summary>Builds events with identities unique to one test, so tests can share databases.</summary>
internal sealed class Sample
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..10];
    private int _next;

    public CustomerIdentity Account(int n) => new("account", $"acct-{_tag}-{n}");

    public CustomerIdentity Email(int n) => new("email", $"person{n}.{_tag}@example.invalid");

    public NewEvent Event(string region, params CustomerIdentity[] identities) => Event(region, DateTimeOffset.UtcNow.AddMinutes(-5), identities);

    public NewEvent Event(string region, DateTimeOffset occurredAt, params CustomerIdentity[] identities) => new(
        "test-channel", $"{_tag}-{Interlocked.Increment(ref _next)}", region, "feedback", "branch-visit", "branch-01",
        occurredAt, identities, new Dictionary<string, string> { ["lang"] = "en" }, new Dictionary<string, double> { ["nps"] = 9 }, "fine");
}
