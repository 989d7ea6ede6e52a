using CemOnPrem.Storage.Events;
using CemOnPrem.Storage.Encryption;
using CemOnPrem.Storage.Tests.Events;
using CemOnPrem.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace CemOnPrem.Storage.Tests.Encryption;

/// <summary>
/// Two nodes' key caches on one region database: when one node shreds a customer's keys, the other, which had the
/// key unwrapped in memory, stops decrypting as soon as the announcement arrives; a rolled-back delete announces nothing.
/// </summary>
public sealed class KeyShredListenerTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Eu = MigratedDatabases.EuCentral;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly Sample _sample = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private FieldProtection Node() =>
        new(databases.Regions, new FileKeyEncryptionKeyProvider(databases.KeyDirectory), new PersonalDataOptions());

    [Fact]
    public async Task After_one_node_shreds_a_customers_keys_the_other_node_cannot_decrypt_anymore()
    {
        var (erasing, other, unaware) = (Node(), Node(), Node());
        using var listener = new KeyShredListener(databases.Regions, other, NullLogger<KeyShredListener>.Instance);
        await listener.StartAsync(Cancellation);
        await listener.WhenListeningAsync(Eu).WaitAsync(Bound, Cancellation);
        var customer = (await new EventLogWriter(databases.Regions, TimeProvider.System, erasing).AppendAsync(Eu,
            [_sample.Event(Eu, _sample.Account(1)) with { Text = "shred me" }], Cancellation)).Receipts[0].CustomerId;
        // Both other nodes read the customer: the key is now unwrapped in their memory.
        Assert.Equal("shred me", Assert.Single(await new EventLogReader(databases.Regions, other).ReadTimelineAsync(Eu, customer, null, 10, Cancellation)).Text);
        Assert.Equal("shred me", Assert.Single(await new EventLogReader(databases.Regions, unaware).ReadTimelineAsync(Eu, customer, null, 10, Cancellation)).Text);

        // A dry run deletes and rolls back: nothing is announced, the key stays usable.
        await ShredAsync(customer, commit: false);
        Assert.Equal("shred me", Assert.Single(await new EventLogReader(databases.Regions, other).ReadTimelineAsync(Eu, customer, null, 10, Cancellation)).Text);

        // The erasure on the first node destroys the keys; the ciphertext stays (as in a backup or a lagging replica).
        await ShredAsync(customer, commit: true);

        var deadline = DateTime.UtcNow + Bound;
        while (await CanDecryptAsync(other, customer))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the other node still decrypts {Bound.TotalSeconds} s after the keys were shredded");
            await Task.Delay(50, Cancellation);
        }

        // Without the listener the unwrapped key would have stayed usable: the cache is what the announcement clears.
        Assert.True(await CanDecryptAsync(unaware, customer));
        await listener.StopAsync(Cancellation);
    }

    private async Task ShredAsync(string customer, bool commit)
    {
        await using var connection = await databases.Regions.For(Eu).OpenConnectionAsync(Cancellation);
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);
        Assert.Equal(1, await connection.ExecuteAsync("delete from customer_keys where customer_id = @customer", new { customer }, transaction));
        if (commit)
        {
            await transaction.CommitAsync(Cancellation);
        }
        else
        {
            await transaction.RollbackAsync(Cancellation);
        }
    }

    private async Task<bool> CanDecryptAsync(FieldProtection node, string customer)
    {
        try
        {
            await new EventLogReader(databases.Regions, node).ReadTimelineAsync(Eu, customer, null, 10, Cancellation);
            return true;
        }
        catch (DataKeyUnavailableException)
        {
            return false;
        }
    }
}
