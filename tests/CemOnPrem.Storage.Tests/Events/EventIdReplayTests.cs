using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Events;
using CemOnPrem.Testing;
using Dapper;
using Npgsql;

namespace CemOnPrem.Storage.Tests.Events;

/// <summary>A (source, eventId) reused with different content is a conflict, never a silent drop of the new payload.</summary>
public sealed class EventIdReplayTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Eu = MigratedDatabases.EuCentral;
    private readonly EventLogWriter _writer = new(databases.Regions, TimeProvider.System, databases.Protection);
    private readonly EventLogReader _reader = new(databases.Regions, databases.Protection);
    private readonly Sample _sample = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string> Changes => ["text", "score", "identity", "occurredAt", "attribute", "touchpoint", "kind"];

    [Fact]
    public async Task Replay_with_the_same_content_is_a_duplicate_not_a_conflict()
    {
        var e = _sample.Event(Eu, _sample.Account(1), _sample.Email(1));
        var original = (await _writer.AppendAsync(Eu, [e], Cancellation)).Receipts[0];

        // Identities in another order, the time in another offset: the same event.
        var replay = (await _writer.AppendAsync(Eu, [e with { Identities = [.. e.Identities.Reverse()], OccurredAt = e.OccurredAt.ToOffset(TimeSpan.FromHours(8)) }], Cancellation)).Receipts[0];

        Assert.Equal(original with { Duplicate = true }, replay);
        Assert.False(replay.Conflict);
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Replay_with_different_content_is_a_conflict_and_the_original_stays(string change)
    {
        var e = _sample.Event(Eu, _sample.Account(1));
        var original = (await _writer.AppendAsync(Eu, [e], Cancellation)).Receipts[0];

        var replay = (await _writer.AppendAsync(Eu, [Change(e, change)], Cancellation)).Receipts[0];

        Assert.True(replay.Conflict);
        Assert.True(replay.Duplicate);
        Assert.Equal(original.Sequence, replay.Sequence);
        var stored = Assert.Single(await _reader.ReadTimelineAsync(Eu, original.CustomerId, null, 10, Cancellation));
        Assert.Equal("fine", stored.Text);
        Assert.Null(await _reader.LookupAsync(Eu, "account", _sample.Account(2).Value, Cancellation));
    }

    [Fact]
    public async Task Within_one_batch_a_second_copy_with_other_content_is_a_conflict_and_an_equal_one_a_duplicate()
    {
        var e = _sample.Event(Eu, _sample.Account(1));

        var receipts = (await _writer.AppendAsync(Eu, [e, e with { Text = "other" }, e], Cancellation)).Receipts;

        Assert.Equal((false, false), (receipts[0].Duplicate, receipts[0].Conflict));
        Assert.Equal((true, true), (receipts[1].Duplicate, receipts[1].Conflict));
        Assert.Equal((true, false), (receipts[2].Duplicate, receipts[2].Conflict));
        Assert.Equal(receipts[0].Sequence, receipts[1].Sequence);
    }

    [Fact]
    public async Task The_fingerprint_is_stored_and_reveals_no_identity_value()
    {
        var e = _sample.Event(Eu, _sample.Account(1));
        await _writer.AppendAsync(Eu, [e], Cancellation);

        await using var connection = await databases.Regions.For(Eu).OpenConnectionAsync(Cancellation);
        var fingerprint = await connection.QuerySingleAsync<byte[]>(
            "select fingerprint from events where source = @s and event_id = @e", new { s = e.Source, e = e.EventId });
        Assert.Equal(32, fingerprint.Length);
        // Keyed: a plain hash of the value (or of the event) would let anyone with the table test guesses.
        Assert.NotEqual(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(_sample.Account(1).Value)), fingerprint);
    }

    [Fact]
    public async Task A_row_stored_before_fingerprints_existed_answers_any_replay_as_a_duplicate()
    {
        var e = _sample.Event(Eu, _sample.Account(1));
        var original = (await _writer.AppendAsync(Eu, [e], Cancellation)).Receipts[0];
        await using (var connection = new NpgsqlConnection(databases.RegionConnectionStrings[Eu]))
        {
            await connection.ExecuteAsync("update events set fingerprint = null where source = @s and event_id = @e", new { s = e.Source, e = e.EventId });
        }

        var replay = (await _writer.AppendAsync(Eu, [e with { Text = "changed" }], Cancellation)).Receipts[0];

        Assert.Equal(original with { Duplicate = true }, replay);
    }

    private NewEvent Change(NewEvent e, string change) => change switch
    {
        "text" => e with { Text = "changed" },
        "score" => e with { Scores = new Dictionary<string, double> { ["nps"] = 3 } },
        "identity" => e with { Identities = [_sample.Account(2)] },
        "occurredAt" => e with { OccurredAt = e.OccurredAt.AddSeconds(1) },
        "attribute" => e with { Attributes = new Dictionary<string, string> { ["lang"] = "de" } },
        "touchpoint" => e with { Touchpoint = "call-center" },
        "kind" => e with { Kind = "touchpoint" },
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };
}
