using System.Text;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Events;
using CemOnPrem.Storage.Encryption;
using CemOnPrem.Storage.Tests.Events;
using CemOnPrem.Testing;
using Dapper;

namespace CemOnPrem.Storage.Tests.Encryption;

public sealed class FieldEncryptionTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Eu = MigratedDatabases.EuCentral;
    private readonly EventLogWriter _writer = new(databases.Regions, TimeProvider.System, databases.Protection);
    private readonly Sample _sample = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A reader with an empty key cache, as on another node: every key must be unwrapped from the database.</summary>
    private EventLogReader FreshReader() => new(databases.Regions, FreshProtection());

    private FieldProtection FreshProtection() =>
        new(databases.Regions, new FileKeyEncryptionKeyProvider(databases.KeyDirectory), new PersonalDataOptions());

    [Fact]
    public async Task Personal_fields_are_stored_encrypted_and_read_back_decrypted()
    {
        var email = _sample.Email(1);
        var e = _sample.Event(Eu, email) with
        {
            Attributes = new Dictionary<string, string> { ["lang"] = "en", ["first-name"] = "Gerlinde" },
            Text = "Call me on +49 151 2345 6789",
        };
        var customer = (await _writer.AppendAsync(Eu, [e], Cancellation)).Receipts[0].CustomerId;

        await using (var connection = await databases.Regions.For(Eu).OpenConnectionAsync(Cancellation))
        {
            var row = await connection.QuerySingleAsync<(string Attributes, byte[] Pii)>(
                "select attributes::text, pii from events where source = @Source and event_id = @EventId", new { e.Source, e.EventId });
            Assert.Equal("""{"lang": "en"}""", row.Attributes);
            Assert.DoesNotContain("Gerlinde", Encoding.UTF8.GetString(row.Pii), StringComparison.Ordinal);
            var identity = await connection.QuerySingleAsync<byte[]>("select id_value from customer_identities where customer_id = @customer", new { customer });
            Assert.DoesNotContain(email.Value, Encoding.UTF8.GetString(identity), StringComparison.Ordinal);
        }

        var reader = FreshReader();
        var entry = Assert.Single(await reader.ReadTimelineAsync(Eu, customer, null, 10, Cancellation));
        Assert.Equal("Gerlinde", entry.Attributes["first-name"]);
        Assert.Equal("en", entry.Attributes["lang"]);
        Assert.Equal("Call me on +49 151 2345 6789", entry.Text);
        Assert.Equal([email], await reader.ReadIdentitiesAsync(Eu, customer, Cancellation));
    }

    [Fact]
    public async Task A_writer_with_a_cold_key_cache_encrypts_a_known_customers_rows_with_the_stored_key()
    {
        var account = _sample.Account(1);
        var first = (await _writer.AppendAsync(Eu, [_sample.Event(Eu, account)], Cancellation)).Receipts[0];

        // Another node: its key cache is empty, so the key comes with the owners' read (or its own query).
        var phone = new CustomerIdentity("phone", "+4915100000" + Random.Shared.Next(100_000, 999_999));
        var coldWriter = new EventLogWriter(databases.Regions, TimeProvider.System, FreshProtection());
        var second = (await coldWriter.AppendAsync(Eu, [_sample.Event(Eu, account, phone) with { Text = "second visit" }], Cancellation)).Receipts[0];

        Assert.Equal(first.CustomerId, second.CustomerId);
        await using (var connection = await databases.Regions.For(Eu).OpenConnectionAsync(Cancellation))
        {
            var keyIds = await connection.QueryAsync<Guid>("select key_id from customer_keys where customer_id = @CustomerId", new { first.CustomerId });
            var stored = Assert.Single(keyIds);
            var envelopes = await connection.QueryAsync<byte[]>("select pii from events where customer_id = @CustomerId", new { first.CustomerId });
            Assert.All(envelopes, envelope => Assert.Equal(stored, FieldCipher.KeyIdOf(envelope)));
        }

        var reader = FreshReader();
        var timeline = await reader.ReadTimelineAsync(Eu, first.CustomerId, null, 10, Cancellation);
        Assert.Equal(2, timeline.Count);
        Assert.Contains(timeline, entry => entry.Text == "second visit");
        Assert.Equal(new[] { account, phone }.OrderBy(i => i.Type), (await reader.ReadIdentitiesAsync(Eu, first.CustomerId, Cancellation)).OrderBy(i => i.Type));
    }

    [Fact]
    public async Task Lookup_finds_the_customer_by_blind_index_only()
    {
        var account = _sample.Account(1);
        var customer = (await _writer.AppendAsync(Eu, [_sample.Event(Eu, account)], Cancellation)).Receipts[0].CustomerId;
        var reader = FreshReader();

        Assert.Equal(customer, await reader.LookupAsync(Eu, account.Type, account.Value, Cancellation));
        Assert.Null(await reader.LookupAsync(Eu, account.Type, account.Value + "x", Cancellation));
        Assert.Null(await reader.LookupAsync(Eu, "email", account.Value, Cancellation));
    }

    [Fact]
    public async Task A_merged_customers_key_moves_to_the_survivor_and_its_rows_stay_readable()
    {
        var older = (await _writer.AppendAsync(Eu, [_sample.Event(Eu, _sample.Account(1))], Cancellation)).Receipts[0].CustomerId;
        var younger = (await _writer.AppendAsync(Eu, [_sample.Event(Eu, _sample.Account(2))], Cancellation)).Receipts[0].CustomerId;

        await _writer.AppendAsync(Eu, [_sample.Event(Eu, _sample.Account(1), _sample.Account(2))], Cancellation);

        await using (var connection = await databases.Regions.For(Eu).OpenConnectionAsync(Cancellation))
        {
            var owners = (await connection.QueryAsync<string>(
                "select customer_id from customer_keys where origin_customer_id = any(@ids)", new { ids = new[] { older, younger } })).ToList();
            Assert.Equal([older, older], owners);
        }

        var reader = FreshReader();
        var timeline = await reader.ReadTimelineAsync(Eu, older, null, 10, Cancellation);
        Assert.Equal(3, timeline.Count);
        Assert.All(timeline, entry => Assert.Equal("fine", entry.Text));
        Assert.Equal([_sample.Account(1), _sample.Account(2)], await reader.ReadIdentitiesAsync(Eu, older, Cancellation));
    }

    [Fact]
    public async Task A_row_whose_ciphertext_was_tampered_with_fails_to_read()
    {
        var customer = (await _writer.AppendAsync(Eu, [_sample.Event(Eu, _sample.Account(1))], Cancellation)).Receipts[0].CustomerId;
        await using (var connection = await databases.Regions.For(Eu).OpenConnectionAsync(Cancellation))
        {
            // Flip one bit of the last byte (the GCM tag).
            await connection.ExecuteAsync(
                "update events set pii = set_byte(pii, length(pii) - 1, get_byte(pii, length(pii) - 1) # 1) where customer_id = @customer", new { customer });
        }

        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => FreshReader().ReadTimelineAsync(Eu, customer, null, 10, Cancellation));
    }

    [Fact]
    public async Task Rotation_keeps_every_row_readable_before_during_and_after()
    {
        var identity = _sample.Account(1);
        var customer = (await _writer.AppendAsync(Eu, [_sample.Event(Eu, identity)], Cancellation)).Receipts[0].CustomerId;
        var rotation = new KeyRotation(databases.Regions, databases.Protection.Keks);
        var progress = new List<(long Done, long Total)>();

        var result = await rotation.RotateAsync(Eu, batchSize: 2, (done, total) =>
        {
            progress.Add((done, total));
            return Task.CompletedTask;
        }, Cancellation);

        Assert.Equal(result.PreviousVersion + 1, result.NewVersion);
        Assert.True(result.Rewrapped >= 1);
        Assert.NotEmpty(progress);
        var status = await rotation.StatusAsync(Eu, Cancellation);
        Assert.Equal(result.NewVersion, status.CurrentVersion);
        Assert.Contains(result.PreviousVersion, status.KekVersions);

        // Read with an empty cache: the key must unwrap under the new KEK version.
        var reader = FreshReader();
        Assert.Equal([identity], await reader.ReadIdentitiesAsync(Eu, customer, Cancellation));

        // Ingest more after the rotation (new keys on the new version, old customer's key re-wrapped), read everything.
        await _writer.AppendAsync(Eu, [_sample.Event(Eu, identity), _sample.Event(Eu, _sample.Account(9))], Cancellation);
        var timeline = await FreshReader().ReadTimelineAsync(Eu, customer, null, 10, Cancellation);
        Assert.Equal(2, timeline.Count);
        var newcomer = await reader.LookupAsync(Eu, "account", _sample.Account(9).Value, Cancellation);
        Assert.Equal([_sample.Account(9)], await FreshReader().ReadIdentitiesAsync(Eu, newcomer!, Cancellation));
        await using var connection = await databases.Regions.For(Eu).OpenConnectionAsync(Cancellation);
        Assert.Equal(result.NewVersion, await connection.ExecuteScalarAsync<int>(
            "select kek_version from customer_keys where origin_customer_id = @newcomer", new { newcomer }));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_key_file_is_readable_by_its_owner_only()
    {
        await databases.Protection.Keks.CurrentVersionAsync(Eu, Cancellation);
        var file = Directory.EnumerateFiles(Path.Combine(databases.KeyDirectory, Eu), "kek-*.key").First();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }
}
