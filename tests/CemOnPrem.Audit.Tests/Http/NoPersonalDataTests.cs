using CemOnPrem.Audit.Tests.Support;
using Npgsql;

namespace CemOnPrem.Audit.Tests.Http;

/// <summary>Plant personal data everywhere a request can carry it, then scan every audit row for it.</summary>
public sealed class NoPersonalDataTests(AuditServerFixture server) : IClassFixture<AuditServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_identity_value_customer_id_or_text_reaches_the_audit_table()
    {
        var events = new TestEvents();
        var account = "ACCT-PII-" + events.Tag;
        var phone = "+8613" + Random.Shared.NextInt64(100_000_000, 999_999_999);
        var text = "Jane Doe-" + events.Tag + " complained";
        using var officer = server.Client("officer-p", "agent");
        var customerId = await TestEvents.PostAsync(officer, events.Feedback(account, phone, text));
        await officer.GetAsync($"/api/v1/customers/eu-central/{customerId}", Cancellation);
        await officer.GetAsync($"/api/v1/customers/eu-central/{customerId}/timeline", Cancellation);
        await officer.GetAsync($"/api/v1/customers/eu-central/lookup?type=phone&value={Uri.EscapeDataString(phone)}", Cancellation);
        await officer.GetAsync($"/api/v1/customers/eu-central/lookup?type=account&value={account}", Cancellation);
        // Personal data typed into places meant for codes: the path and an unknown region.
        await officer.GetAsync($"/api/v1/customers/{Uri.EscapeDataString(account)}/{Uri.EscapeDataString(phone)}", Cancellation);
        await officer.PostAsync($"/api/v1/packs/{account}/enable", null, Cancellation);

        await using var connection = new NpgsqlConnection(server.Factory.ControlConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand("select count(*), string_agg(t::text, E'\\n') from audit_records t", connection);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        Assert.True(await reader.ReadAsync(Cancellation));
        Assert.True(reader.GetInt64(0) >= 7);
        var everything = reader.GetString(1);
        foreach (var planted in new[] { account, phone, phone.TrimStart('+'), text, "Jane Doe", customerId, customerId[2..] })
        {
            Assert.DoesNotContain(planted, everything, StringComparison.OrdinalIgnoreCase);
        }
    }
}
