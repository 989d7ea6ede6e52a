using System.Text;
using CemOnPrem.Contracts.Cases;
using CemOnPrem.Testing;
using Dapper;

namespace CemOnPrem.Cases.Tests.Handling;

/// <summary>Notes and root-cause text are stored encrypted: under the customer's key, or the case's own without a customer.</summary>
public sealed class CaseTextTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.CnEast;
    private const string Secret = "Customer said her card 4111 was charged twice";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_note_is_stored_encrypted_and_read_back_only_when_personal_text_is_asked_for()
    {
        var cases = new CaseHarness(databases);
        var caseId = await cases.OpenAsync(Region, await cases.CustomerAsync(Region));

        await cases.Editor.AddNoteAsync(Region, caseId, new CaseNoteEdit(1, "agent-a", Secret), Cancellation);
        await cases.Editor.SetRootCauseAsync(Region, caseId, new CaseRootCauseEdit(2, "agent-a", null, Secret), Cancellation);

        var stored = await StoredTextsAsync(caseId);
        Assert.All(stored, bytes => Assert.DoesNotContain("4111", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal));
        var full = await cases.Reader.GetAsync(Region, caseId, withPersonalText: true, Cancellation);
        var plain = await cases.Reader.GetAsync(Region, caseId, withPersonalText: false, Cancellation);
        Assert.Equal((Secret, Secret), (full!.History.Single(h => h.Action == "note").Text, full.RootCauseText));
        Assert.All(plain!.History, h => Assert.Null(h.Text));
        Assert.Null(plain.RootCauseText);
    }

    [Fact]
    public async Task Without_the_customer_key_the_text_is_gone_but_the_case_record_stays()
    {
        var cases = new CaseHarness(databases);
        var customerId = await cases.CustomerAsync(Region);
        var caseId = await cases.OpenAsync(Region, customerId);
        await cases.Editor.AddNoteAsync(Region, caseId, new CaseNoteEdit(1, "agent-a", Secret), Cancellation);

        await using (var connection = await databases.Regions.For(Region).OpenConnectionAsync(Cancellation))
        {
            var keyIds = (await connection.QueryAsync<Guid>("delete from customer_keys where customer_id = @customerId returning key_id", new { customerId })).AsList();
            databases.Protection.Forget(Region, customerId, keyIds);
        }

        var view = await cases.Reader.GetAsync(Region, caseId, withPersonalText: true, Cancellation);
        Assert.Equal("complaint", view!.CaseType);
        Assert.Null(view.History.Single(h => h.Action == "note").Text);
    }

    [Fact]
    public async Task A_case_without_a_customer_gets_its_own_wrapped_key_for_its_text()
    {
        var cases = new CaseHarness(databases);
        var caseId = await cases.OpenAsync(Region);

        await cases.Editor.AddNoteAsync(Region, caseId, new CaseNoteEdit(1, "agent-a", Secret), Cancellation);

        Assert.Equal(1L, await cases.ScalarAsync<long>(Region, "select count(*) from case_keys where case_id = @caseId", caseId));
        var view = await cases.Reader.GetAsync(Region, caseId, withPersonalText: true, Cancellation);
        Assert.Equal(Secret, view!.History.Single(h => h.Action == "note").Text);
    }

    private async Task<IReadOnlyList<byte[]>> StoredTextsAsync(string caseId)
    {
        await using var connection = await databases.Regions.For(Region).OpenConnectionAsync(Cancellation);
        return (await connection.QueryAsync<byte[]>(
            "select text from case_history where case_id = @caseId and text is not null union all select root_cause_text from cases where case_id = @caseId",
            new { caseId })).AsList();
    }
}
