using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Events;
using CemOnPrem.Testing;
using Dapper;

namespace CemOnPrem.Storage.Tests.Events;

/// <summary>
/// Defence in depth: a caller that skipped ingest validation still cannot make the writer stitch strangers together on
/// a value that identifies no one.
/// </summary>
public sealed class UnusableIdentityStitchingTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Eu = MigratedDatabases.EuCentral;
    private readonly EventLogWriter _writer = new(databases.Regions, TimeProvider.System, databases.Protection);
    private readonly EventLogReader _reader = new(databases.Regions, databases.Protection);
    private readonly Sample _sample = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("phone", "+")]
    [InlineData("phone", "")]
    [InlineData("phone", "+86 138 0000 0000")] // usable, but not in its normal form: a caller skipped normalisation
    [InlineData("email", "nobody")]
    [InlineData("vin", "X")]
    [InlineData("account", "--")]
    public async Task Two_strangers_with_the_same_unusable_value_stay_two_customers(string type, string value)
    {
        var junk = new CustomerIdentity(type, value);

        var outcome = await _writer.AppendAsync(Eu,
            [_sample.Event(Eu, _sample.Email(1), junk), _sample.Event(Eu, _sample.Email(2), junk)], Cancellation);

        Assert.NotEqual(outcome.Receipts[0].CustomerId, outcome.Receipts[1].CustomerId);
        foreach (var receipt in outcome.Receipts)
        {
            Assert.Equal("email", Assert.Single(await _reader.ReadIdentitiesAsync(Eu, receipt.CustomerId, Cancellation)).Type);
        }

        await using var connection = await databases.Regions.For(Eu).OpenConnectionAsync(Cancellation);
        // Only the two e-mail addresses were stored: no row for the unusable value.
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>(
            "select count(*) from customer_identities where customer_id = any(@ids)", new { ids = outcome.Receipts.Select(r => r.CustomerId).ToArray() }));
    }

    [Fact]
    public async Task A_usable_phone_in_its_normal_form_still_stitches()
    {
        var phone = new CustomerIdentity("phone", "+4930" + Random.Shared.Next(1_000_000, 9_999_999));

        var outcome = await _writer.AppendAsync(Eu, [_sample.Event(Eu, _sample.Email(1), phone), _sample.Event(Eu, _sample.Email(2), phone)], Cancellation);

        Assert.Equal(outcome.Receipts[0].CustomerId, outcome.Receipts[1].CustomerId);
    }
}
