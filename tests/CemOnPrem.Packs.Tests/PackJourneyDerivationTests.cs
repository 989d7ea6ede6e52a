using CemOnPrem.Analytics.Derivation;
using CemOnPrem.Analytics.Model;
using CemOnPrem.Sdk;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Analytics.Projection;
using CemOnPrem.Analytics.Rollups;

namespace CemOnPrem.Packs.Tests;

/// <summary>
/// Every journey template of the four shipped packs through the server's derivation (the one the projector runs):
/// a walk through all stages completes, the same events arriving in reverse order give the same result, and a
/// customer who stops after the entry touchpoint is abandoned at the first stage's time-out, never stuck.
/// </summary>
public sealed class PackJourneyDerivationTests
{
    private static readonly DateTimeOffset Start = new(2026, 4, 6, 8, 0, 0, TimeSpan.Zero);
    private static readonly AnalyticsModel Model = new(
        HostedPacks.Registry.ActivePacks.Select(p => p.Content), HostedPacks.Registry.ActivePacks.SelectMany(p => p.Calculators));

    public static TheoryData<string> Templates() => [.. Model.Journeys.Select(m => m.Template.Id).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_four_packs_bring_their_fourteen_templates_without_clashes()
    {
        Assert.Equal(14, Model.Journeys.Count);
        Assert.Empty(Model.Clashes);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task A_walk_through_every_stage_completes_with_a_full_funnel(string templateId)
    {
        var template = Model.FindJourney(templateId)!.Template;

        var state = await DeriveAsync(Walk(template), Start.AddDays(400));

        // The walk may also start another template's journey (an order placed starts the fulfilment journey).
        var journey = Assert.Single(state.Journeys, j => j.TemplateId == templateId);
        Assert.Equal(("completed", template.Stages[^1].Id), (journey.Status, journey.CurrentStage));
        foreach (var stage in template.Stages)
        {
            var funnel = Sum(state.Cells, BuiltInMetrics.Funnel, stage.Id, templateId);
            Assert.Equal((1L, 1L, 0L), (funnel.N, funnel.A, funnel.B));
        }

        Assert.Equal(template.Stages.Count - 1, Sum(state.Cells, BuiltInMetrics.TimeInStage, null, templateId).N);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Events_arriving_in_reverse_order_derive_the_same_journey(string templateId)
    {
        var events = Walk(Model.FindJourney(templateId)!.Template);
        var reversed = events.AsEnumerable().Reverse().Select((e, i) => e with { Sequence = 1000 + i }).ToList();

        var inOrder = await DeriveAsync(events, Start.AddDays(400));
        var late = await DeriveAsync(reversed, Start.AddDays(400));

        Assert.Equal(RollupCellsJson.Write(inOrder.Cells), RollupCellsJson.Write(late.Cells));
        Assert.Equal(inOrder.Journeys, late.Journeys);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task A_customer_who_stops_after_entry_is_abandoned_at_the_stage_time_out(string templateId)
    {
        var template = Model.FindJourney(templateId)!.Template;
        var limit = Durations.ParseOrNull(template.Stages[0].AbandonAfter)!.Value;
        List<AnalyticsEventRow> entry = [Touch(template.EntryTouchpoints[0], Start, 1)];

        var before = await DeriveAsync(entry, Start + limit - TimeSpan.FromMinutes(1));
        var after = await DeriveAsync(entry, Start + limit);

        Assert.Equal(("active", Start + limit), (before.Journeys.Single().Status, before.NextDue));
        Assert.Equal(("abandoned", Start + limit), (after.Journeys.Single().Status, after.Journeys.Single().EndedAt));
        Assert.Equal(1, Sum(after.Cells, BuiltInMetrics.Funnel, template.Stages[0].Id, templateId).B);
    }

    /// <summary>The entry touchpoint, then the first touchpoint of each later stage a day apart; completion last.</summary>
    private static List<AnalyticsEventRow> Walk(JourneyTemplate template)
    {
        var events = new List<AnalyticsEventRow> { Touch(template.EntryTouchpoints[0], Start, 1) };
        for (var s = 1; s < template.Stages.Count - 1; s++)
        {
            events.Add(Touch(template.Stages[s].Touchpoints[0], Start.AddHours(s), events.Count + 1));
        }

        events.Add(Touch(template.CompletionTouchpoints[0], Start.AddHours(template.Stages.Count), events.Count + 1));
        return events;
    }

    private static AnalyticsEventRow Touch(string touchpoint, DateTimeOffset at, long sequence) =>
        new("c-pack", sequence, EventKinds.Touchpoint, touchpoint, "branch-01", at, "{}", "{}");

    private static Task<CustomerAnalyticsState> DeriveAsync(IReadOnlyList<AnalyticsEventRow> events, DateTimeOffset now) =>
        new CustomerDerivation(Model).DeriveAsync("c-pack", events, now, TestContext.Current.CancellationToken);

    private static RollupValues Sum(RollupCells cells, string metric, string? stage, string journey)
    {
        var total = new RollupValues();
        foreach (var (_, values) in cells.Cells.Where(c => c.Key.Metric == metric && c.Key.Journey == journey && (stage is null || c.Key.Stage == stage)))
        {
            total.Add(values);
        }

        return total;
    }
}
