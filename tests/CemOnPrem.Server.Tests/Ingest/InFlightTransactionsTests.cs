using CemOnPrem.Contracts.Customers;
using CemOnPrem.Ingest;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Server.Tests.Ingest;

/// <summary>
/// The region writer starts a transaction that shares an identity with a running one only after that one has
/// finished (two would both create the identity's customer and one be rolled back), and starts a disjoint one at once.
/// </summary>
public sealed class InFlightTransactionsTests
{
    private static readonly CustomerIdentity Alice = new("account", "A-1");
    private static readonly CustomerIdentity AlicePhone = new("phone", "+8613900000001");
    private static readonly CustomerIdentity Bob = new("account", "B-2");

    [Fact]
    public async Task A_group_sharing_an_identity_waits_for_the_running_transaction()
    {
        var running = new InFlightTransactions();
        var first = new TaskCompletionSource();
        running.Add(first.Task, InFlightTransactions.IdentitiesOf([Request(Alice, AlicePhone), Request(Bob)]));

        var second = running.WaitForOverlapsAsync(InFlightTransactions.IdentitiesOf([Request(AlicePhone)]));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);

        first.SetResult();
        await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_disjoint_group_starts_at_once()
    {
        var running = new InFlightTransactions();
        running.Add(new TaskCompletionSource().Task, InFlightTransactions.IdentitiesOf([Request(Alice)]));

        var second = running.WaitForOverlapsAsync(InFlightTransactions.IdentitiesOf([Request(Bob), Request(new CustomerIdentity("phone", "A-1"))]));

        Assert.True(second.IsCompletedSuccessfully);
        await second;
    }

    [Fact]
    public async Task A_finished_transaction_holds_nobody_back()
    {
        var running = new InFlightTransactions();
        running.Add(Task.CompletedTask, InFlightTransactions.IdentitiesOf([Request(Alice)]));

        var second = running.WaitForOverlapsAsync(InFlightTransactions.IdentitiesOf([Request(Alice)]));

        Assert.True(second.IsCompletedSuccessfully);
        await second;
    }

    private static PendingAppend Request(params CustomerIdentity[] identities) =>
        new([new NewEvent("app", Guid.NewGuid().ToString("N"), "eu-central", "touchpoint", "app-login", null, DateTimeOffset.UtcNow,
            identities, new Dictionary<string, string>(), new Dictionary<string, double>(), null)]);
}
