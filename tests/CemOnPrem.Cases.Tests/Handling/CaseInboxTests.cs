using CemOnPrem.Cases.Handling;
using CemOnPrem.Testing;

namespace CemOnPrem.Cases.Tests.Handling;

/// <summary>The inbox's two query shapes (one range per unit merged; one ordered walk for wide scopes) give the same pages.</summary>
public sealed class CaseInboxTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Narrow_and_wide_scopes_list_the_same_cases_newest_first_and_page_without_gaps()
    {
        var cases = new CaseHarness(databases);
        var unit = "inbox-" + Guid.NewGuid().ToString("N")[..8];
        var opened = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            cases.Clock.Now = CaseHarness.Start.AddMinutes(i);
            opened.Add(await cases.OpenAsync(Region, queueUnit: unit, openedAt: CaseHarness.Start.AddMinutes(i)));
        }

        var inbox = new CaseInbox(databases.Regions, TimeProvider.System);
        string[] wide = [unit, .. Enumerable.Range(0, CaseInbox.MergedUnits + 3).Select(n => $"{unit}-other-{n}")];
        string[] merged = [unit, $"{unit}-other-a", $"{unit}-other-b"];

        foreach (var units in new[] { [unit], merged, wide })
        {
            var first = await inbox.ListAsync(new InboxQuery([Region], units, null, null, null, false, null, null, null, 3), Cancellation);
            var second = await inbox.ListAsync(new InboxQuery([Region], units, null, null, null, false, null, null, first.Next, 3), Cancellation);

            Assert.Equal(Enumerable.Reverse(opened), first.Items.Concat(second.Items).Select(i => i.CaseId));
            Assert.Null(second.Next);
        }
    }

    [Fact]
    public async Task A_text_shaped_like_a_case_id_finds_that_case_in_every_scope_shape_and_other_texts_still_match_units()
    {
        var cases = new CaseHarness(databases);
        var unit = "inbox-" + Guid.NewGuid().ToString("N")[..8];
        var wanted = await cases.OpenAsync(Region, queueUnit: unit);
        await cases.OpenAsync(Region, queueUnit: unit);
        var inbox = new CaseInbox(databases.Regions, TimeProvider.System);
        string[] wide = [unit, .. Enumerable.Range(0, CaseInbox.MergedUnits + 3).Select(n => $"{unit}-other-{n}")];

        foreach (var units in new[] { [unit], [unit, $"{unit}-other-a"], wide })
        {
            var byId = await inbox.ListAsync(new InboxQuery([Region], units, null, null, null, false, null, wanted, null, 10), Cancellation);
            var byUnit = await inbox.ListAsync(new InboxQuery([Region], units, null, null, null, false, null, unit, null, 10), Cancellation);

            Assert.Equal([wanted], byId.Items.Select(i => i.CaseId));
            Assert.Equal(2, byUnit.Items.Count);
        }
    }
}
