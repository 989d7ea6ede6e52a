using CemOnPrem.Storage.Events;
using CemOnPrem.Testing;
using Dapper;

namespace CemOnPrem.Storage.Tests.Events;

public sealed class EventLogWriterTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Eu = MigratedDatabases.EuCentral;
    private const string Cn = MigratedDatabases.CnEast;
    private readonly EventLogWriter _writer = new(databases.Regions, TimeProvider.System, databases.Protection);
    private readonly EventLogReader _reader = new(databases.Regions, databases.Protection);
    private readonly Sample _sample = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Append_returns_a_receipt_per_event_in_input_order()
    {
        var events = new[] { _sample.Event(Eu, _sample.Account(1)), _sample.Event(Eu, _sample.Account(2)), _sample.Event(Eu, _sample.Account(1)) };

        var outcome = await _writer.AppendAsync(Eu, events, Cancellation);

        Assert.Equal(events.Select(e => e.EventId), outcome.Receipts.Select(r => r.EventId));
        Assert.All(outcome.Receipts, r => Assert.False(r.Duplicate));
        Assert.Equal(outcome.Receipts[0].CustomerId, outcome.Receipts[2].CustomerId);
        Assert.NotEqual(outcome.Receipts[0].CustomerId, outcome.Receipts[1].CustomerId);
        Assert.True(outcome.Receipts[0].Sequence < outcome.Receipts[1].Sequence);
    }

    [Fact]
    public async Task Replay_returns_the_original_receipt_and_stores_nothing_new()
    {
        var first = _sample.Event(Eu, _sample.Account(1));
        var original = (await _writer.AppendAsync(Eu, [first], Cancellation)).Receipts[0];

        // Equal content in another instance (and another dictionary order): a retry, not a new event.
        var replay = (await _writer.AppendAsync(Eu, [first with { Scores = new Dictionary<string, double> { ["nps"] = 9.0 } }], Cancellation)).Receipts[0];

        Assert.Equal(original with { Duplicate = true }, replay);
        Assert.Equal(1, await CountAsync(Eu, "select count(*) from events where source = @s and event_id = @e", new { s = first.Source, e = first.EventId }));
        var stored = await _reader.ReadTimelineAsync(Eu, original.CustomerId, null, 10, Cancellation);
        Assert.Equal("fine", Assert.Single(stored).Text);
    }

    [Fact]
    public async Task Duplicate_within_one_batch_is_stored_once()
    {
        var e = _sample.Event(Eu, _sample.Account(1));

        var outcome = await _writer.AppendAsync(Eu, [e, e], Cancellation);

        Assert.False(outcome.Receipts[0].Duplicate);
        Assert.Equal(outcome.Receipts[0] with { Duplicate = true }, outcome.Receipts[1]);
        Assert.Equal(1, await CountAsync(Eu, "select count(*) from events where event_id = @e", new { e = e.EventId }));
    }

    [Fact]
    public async Task Identities_seen_together_belong_to_one_customer()
    {
        var together = await _writer.AppendAsync(Eu, [_sample.Event(Eu, _sample.Account(1), _sample.Email(1))], Cancellation);
        var byEmailOnly = await _writer.AppendAsync(Eu, [_sample.Event(Eu, _sample.Email(1))], Cancellation);

        var customer = together.Receipts[0].CustomerId;
        Assert.Equal(customer, byEmailOnly.Receipts[0].CustomerId);
        Assert.Equal(customer, await _reader.LookupAsync(Eu, "account", _sample.Account(1).Value, Cancellation));
        Assert.Equal(2, (await _reader.ReadIdentitiesAsync(Eu, customer, Cancellation)).Count);
    }

    [Fact]
    public async Task Event_linking_two_customers_merges_them_into_the_older()
    {
        var older = (await _writer.AppendAsync(Eu, [_sample.Event(Eu, _sample.Account(1))], Cancellation)).Receipts[0].CustomerId;
        var younger = (await _writer.AppendAsync(Eu, [_sample.Event(Eu, _sample.Email(1))], Cancellation)).Receipts[0].CustomerId;

        var link = await _writer.AppendAsync(Eu, [_sample.Event(Eu, _sample.Email(1), _sample.Account(1))], Cancellation);

        Assert.Equal(older, link.Receipts[0].CustomerId);
        Assert.Contains(link.ChangedCustomers, c => c.CustomerId == younger && c.Rebuild);
        Assert.Contains(link.ChangedCustomers, c => c.CustomerId == older && c.Rebuild);
        Assert.Equal(older, (await _reader.FindCustomerAsync(Eu, younger, Cancellation))!.MergedInto);
        Assert.Equal(1, (await _reader.FindCustomerAsync(Eu, older, Cancellation))!.Epoch);
        Assert.Equal(3, (await _reader.ReadAfterAsync(Eu, older, 0, 10, Cancellation)).Count);
        Assert.Empty(await _reader.ReadAfterAsync(Eu, younger, 0, 10, Cancellation));
        Assert.Equal(older, await _reader.LookupAsync(Eu, "email", _sample.Email(1).Value, Cancellation));
    }

    [Fact]
    public async Task Linking_within_one_batch_creates_a_single_customer()
    {
        var outcome = await _writer.AppendAsync(
            Eu,
            [_sample.Event(Eu, _sample.Account(1)), _sample.Event(Eu, _sample.Email(1)), _sample.Event(Eu, _sample.Account(1), _sample.Email(1))],
            Cancellation);

        Assert.Single(outcome.Receipts.Select(r => r.CustomerId).Distinct());
        Assert.Equal(1, await CountAsync(Eu, "select count(*) from customers where customer_id = @c", new { c = outcome.Receipts[0].CustomerId }));
    }

    [Fact]
    public async Task Events_land_only_in_their_region_database()
    {
        var eu = _sample.Event(Eu, _sample.Account(1));
        var cn = _sample.Event(Cn, _sample.Account(1));

        await _writer.AppendAsync(Eu, [eu], Cancellation);
        await _writer.AppendAsync(Cn, [cn], Cancellation);

        const string sql = "select count(*) from events where event_id = @e";
        Assert.Equal(1, await CountAsync(Eu, sql, new { e = eu.EventId }));
        Assert.Equal(0, await CountAsync(Eu, sql, new { e = cn.EventId }));
        Assert.Equal(1, await CountAsync(Cn, sql, new { e = cn.EventId }));
        Assert.Equal(0, await CountAsync(Cn, sql, new { e = eu.EventId }));
    }

    [Fact]
    public async Task Event_of_another_region_is_refused_before_any_write()
    {
        var stray = _sample.Event(Cn, _sample.Account(1));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _writer.AppendAsync(Eu, [stray], Cancellation));

        Assert.Contains("belongs to region 'cn-east'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(Eu, "select count(*) from events where event_id = @e", new { e = stray.EventId }));
    }

    [Fact]
    public async Task Concurrent_writers_stitch_one_identity_to_one_customer()
    {
        var second = new EventLogWriter(databases.Regions, TimeProvider.System, databases.Protection);
        var identity = _sample.Account(7);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? _writer : second).AppendAsync(Eu, [_sample.Event(Eu, identity)], Cancellation)));

        Assert.Single(results.Select(r => r.Receipts[0].CustomerId).Distinct());
    }

    [Fact]
    public async Task The_same_event_sent_to_two_writers_at_once_is_stored_once_and_both_get_its_receipt()
    {
        var second = new EventLogWriter(databases.Regions, TimeProvider.System, databases.Protection);
        var e = _sample.Event(Eu, _sample.Account(3));

        for (var round = 0; round < 5; round++)
        {
            var copy = e with { EventId = e.EventId + "-" + round };
            var outcomes = await Task.WhenAll(_writer.AppendAsync(Eu, [copy], Cancellation), second.AppendAsync(Eu, [copy], Cancellation));

            var receipts = outcomes.Select(o => o.Receipts[0]).ToArray();
            Assert.Single(receipts.Select(r => (r.Sequence, r.CustomerId)).Distinct());
            Assert.Single(receipts, r => !r.Duplicate);
            Assert.Equal(1, await CountAsync(Eu, "select count(*) from events where event_id = @e", new { e = copy.EventId }));
        }
    }

    [Fact]
    public async Task An_append_held_up_past_its_deadline_gives_up_with_a_timeout_and_stores_nothing()
    {
        var identity = _sample.Account(11);
        var customer = (await _writer.AppendAsync(Eu, [_sample.Event(Eu, identity)], Cancellation)).Receipts[0].CustomerId;
        var impatient = new EventLogWriter(databases.Regions, TimeProvider.System, databases.Protection) { AttemptDeadline = TimeSpan.FromMilliseconds(500) };
        var stuck = _sample.Event(Eu, identity);

        // Another transaction holds the customer's row: the writer's statements wait for it with no command timeout of their own.
        await using (var connection = await databases.Regions.For(Eu).OpenConnectionAsync(Cancellation))
        await using (var transaction = await connection.BeginTransactionAsync(Cancellation))
        {
            await using (var lockRow = new Npgsql.NpgsqlCommand("select 1 from customers where customer_id = $1 for update", connection, transaction))
            {
                lockRow.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = customer });
                await lockRow.ExecuteNonQueryAsync(Cancellation);
            }

            var append = impatient.AppendAsync(Eu, [stuck], Cancellation);
            var timeout = await Assert.ThrowsAsync<TimeoutException>(() => append.WaitAsync(TimeSpan.FromSeconds(60), Cancellation));
            Assert.Contains("longer than", timeout.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, await CountAsync(Eu, "select count(*) from events where event_id = @e", new { e = stuck.EventId }));
        Assert.False((await impatient.AppendAsync(Eu, [stuck], Cancellation)).Receipts[0].Duplicate); // the writer works again once the row is free
    }

    [Fact]
    public async Task A_customer_erased_between_the_writers_read_and_its_insert_leaves_no_orphan_event()
    {
        var identity = _sample.Account(12);
        var erased = (await _writer.AppendAsync(Eu, [_sample.Event(Eu, identity)], Cancellation)).Receipts[0].CustomerId;
        var late = _sample.Event(Eu, identity);

        // What an erasure does (CustomerErasure): lock the customer's row, delete its rows, customer last, commit. The writer
        // has read the identity's owner by then and waits on that row; once it is gone, the events' foreign key fails the
        // insert and the writer retries from a fresh read.
        EventReceipt receipt;
        await using (var connection = await databases.Regions.For(Eu).OpenConnectionAsync(Cancellation))
        await using (var transaction = await connection.BeginTransactionAsync(Cancellation))
        {
            await connection.ExecuteAsync("select 1 from customers where customer_id = @erased for update", new { erased }, transaction);
            var append = _writer.AppendAsync(Eu, [late], Cancellation);
            await WaitUntilAsync(async () => await CountAsync(Eu,
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%from customers where customer_id = u.id for update%'", new { }) > 0);
            await connection.ExecuteAsync(
                "delete from customer_identities where customer_id = @erased; delete from customer_keys where customer_id = @erased; " +
                "delete from events where customer_id = @erased; delete from customers where customer_id = @erased", new { erased }, transaction);
            await transaction.CommitAsync(Cancellation);
            receipt = (await append.WaitAsync(TimeSpan.FromSeconds(60), Cancellation)).Receipts[0];
        }

        Assert.False(receipt.Duplicate);
        Assert.NotEqual(erased, receipt.CustomerId); // retried from a fresh read: the identity is new again
        Assert.Equal(1, await CountAsync(Eu, "select count(*) from events where event_id = @e and customer_id = @c", new { e = late.EventId, c = receipt.CustomerId }));
        Assert.Equal(0, await CountAsync(Eu, "select count(*) from events e where not exists (select 1 from customers c where c.customer_id = e.customer_id)", new { }));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; !await condition(); attempt++)
        {
            Assert.True(attempt < 600, "the writer never came to wait on the customer row");
            await Task.Delay(50, Cancellation);
        }
    }

    [Fact]
    public async Task Out_of_order_events_keep_their_occurred_at()
    {
        var late = DateTimeOffset.Parse("2026-01-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var early = late.AddDays(-1);
        var receipts = (await _writer.AppendAsync(Eu, [_sample.Event(Eu, late, _sample.Account(1)), _sample.Event(Eu, early, _sample.Account(1))], Cancellation)).Receipts;

        var timeline = await _reader.ReadTimelineAsync(Eu, receipts[0].CustomerId, null, 10, Cancellation);

        Assert.Equal([late, early], timeline.Select(t => t.OccurredAt));
    }

    [Fact]
    public async Task Events_of_a_customer_commit_in_sequence_order_across_writers()
    {
        var identity = _sample.Account(1);
        var customer = (await _writer.AppendAsync(Eu, [_sample.Event(Eu, identity)], Cancellation)).Receipts[0].CustomerId;
        await using var other = await databases.Regions.For(Eu).OpenConnectionAsync(Cancellation);
        await using var otherWriter = await other.BeginTransactionAsync(Cancellation);
        // Another writer has taken a sequence number for this customer and not committed yet.
        await other.ExecuteAsync(
            """
            insert into events (source, event_id, region, customer_id, kind, occurred_at, received_at, pii, attributes, scores)
            values ('other-node', @eventId, 'eu-central', @customer, 'touchpoint', now(), now(), '\x00', '{}', '{}')
            """,
            new { customer, eventId = Guid.NewGuid().ToString("N") }, otherWriter);

        // An append for the same customer must wait: were it to take a higher sequence and commit
        // first, a grain could move its checkpoint past the other writer's event and never see it.
        var append = _writer.AppendAsync(Eu, [_sample.Event(Eu, identity)], Cancellation);
        var finishedEarly = await Task.WhenAny(append, Task.Delay(500, Cancellation)) == append;
        await otherWriter.CommitAsync(Cancellation);

        Assert.False(finishedEarly);
        Assert.Equal(customer, (await append).Receipts[0].CustomerId);
    }

    private async Task<long> CountAsync(string region, string sql, object args)
    {
        await using var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }
}
