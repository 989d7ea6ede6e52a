using CemOnPrem.Sdk.Surveys;
using CemOnPrem.Surveys.Statistics;
using CemOnPrem.Testing;
using static CemOnPrem.Surveys.Tests.Statistics.StatisticsRows;

namespace CemOnPrem.Surveys.Tests.Statistics;

/// <summary>The funnel and the answer distributions read from R0090's tables in both regions.</summary>
public sealed class SurveyStatisticsTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Eu = MigratedDatabases.EuCentral;
    private const string Cn = MigratedDatabases.CnEast;
    private static readonly Dictionary<string, string> Texts = new() { ["en"] = "T" };
    private static readonly DateOnly Date = DateOnly.FromDateTime(Day.UtcDateTime);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string Key() => "stats-" + Guid.NewGuid().ToString("N")[..8];

    private static StatisticsQuery Query(string? channel = null, IReadOnlyList<string>? units = null) => new(Date, Date, units?[0], units, channel);

    private InvitationFunnelReader Funnels => new(databases.Regions, TimeProvider.System);

    private Task<Guid> InviteAsync(string region, string key, string channel, string status, TimeSpan? answeredAfter = null, string? unit = "branch-1",
        bool started = false, string? reason = null) =>
        InvitationAsync(databases.Regions.For(region), region, key, channel, unit, status, answeredAfter, started, reason);

    [Fact]
    public async Task The_funnel_adds_up_both_regions_per_channel_and_org_unit_with_rates_and_the_median_time_to_answer()
    {
        var key = Key();
        await InviteAsync(Eu, key, "email", "completed", TimeSpan.FromMinutes(10));
        await InviteAsync(Cn, key, "email", "completed", TimeSpan.FromMinutes(30));
        await InviteAsync(Cn, key, "email", "completed", TimeSpan.FromMinutes(20));
        await InviteAsync(Eu, key, "email", "sent", started: true);
        await InviteAsync(Eu, key, "email", "expired");
        await InviteAsync(Eu, key, "email", "suppressed", reason: "no-consent:feedback-survey");
        await InviteAsync(Cn, key, "webhook", "suppressed", reason: "frequency-cap");
        await InviteAsync(Cn, key, "webhook", "sent", unit: "branch-2");
        await InviteAsync(Eu, Key(), "email", "completed", TimeSpan.FromMinutes(1));

        var groups = await Funnels.ReadAsync(key, Query(), Cancellation);
        var total = new FunnelCounts();
        foreach (var group in groups.Values)
        {
            total.Add(group);
        }

        var funnel = total.ToFunnel(null, null);
        // Expired: the one marked so, and the two sent ones never answered whose 14 days (from Day) are over.
        Assert.Equal((8L, 6L, 4L, 4L, 3L, 3L, 2L), (funnel.Created, funnel.Sent, funnel.Opened, funnel.Started, funnel.Completed, funnel.Expired, funnel.Suppressed));
        Assert.Equal(new Dictionary<string, long> { ["frequency-cap"] = 1, ["no-consent"] = 1 }, funnel.SuppressedReasons);
        Assert.Equal((0.5, 0.75, 1200.0), (funnel.ResponseRate, funnel.CompletionRate, funnel.MedianSecondsToAnswer));
        Assert.Equal([("email", "branch-1"), ("webhook", "branch-1"), ("webhook", "branch-2")], groups.Keys.Order().Select(k => (k.Channel, k.OrgUnit!)));
        Assert.Equal(6L, groups[("email", "branch-1")].Created);
    }

    [Fact]
    public async Task Channel_and_org_unit_filters_narrow_the_funnel()
    {
        var key = Key();
        await InviteAsync(Eu, key, "email", "sent");
        await InviteAsync(Eu, key, "link", "sent");
        await InviteAsync(Cn, key, "link", "sent", unit: "branch-9");

        var links = await Funnels.ReadAsync(key, Query(channel: "link"), Cancellation);
        var branch = await Funnels.ReadAsync(key, Query(units: ["branch-9"]), Cancellation);

        Assert.Equal(2L, links.Values.Sum(g => g.Created));
        Assert.Equal([("link", "branch-9")], branch.Keys.Select(k => (k.Channel, k.OrgUnit!)));
    }

    [Fact]
    public async Task Distributions_count_scales_options_and_matrix_rows_only_count_text_and_hide_small_groups()
    {
        var key = Key();
        for (var i = 0; i < 5; i++)
        {
            var region = i % 2 == 0 ? Eu : Cn;
            var invitation = await InviteAsync(region, key, "email", "completed", TimeSpan.FromMinutes(5));
            (string, int?, string[]?, bool)[] answers =
            [
                ("nps", 6 + i, null, false), ("why", null, i < 2 ? ["other", "fees"] : ["fees"], false), ("aspects/wait", 1 + i % 2, null, false),
                .. i < 2 ? new[] { ("why/other", (int?)null, (string[]?)null, true) } : [],
                .. i < 4 ? new[] { ("comment", (int?)null, (string[]?)null, true) } : [],
            ];
            await ResponseAsync(databases.Regions.For(region), region, invitation, key, "branch-1", answers);
        }

        var counts = await new AnswerCountsReader(databases.Regions).ReadAsync(key, Query(), Cancellation);
        var stats = QuestionDistributions.Of(Survey(key), counts, minGroupSize: 5).ToDictionary(q => q.Id);

        Assert.Equal((5L, 8.0), (stats["nps"].Answered, stats["nps"].Mean));
        Assert.Equal([0L, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1], stats["nps"].Values!.Select(v => v.Count));
        Assert.Equal([("fees", 5L), ("other", 2L)], stats["why"].Options!.Select(o => (o.Id, o.Count)));
        Assert.Equal([("other", 2L)], stats["why"].OptionTexts!.Select(o => (o.Id, o.Count)));
        var wait = Assert.Single(stats["aspects"].Rows!, r => r.Id == "wait");
        Assert.Equal(("csat-wait", 5L, 1.4), (wait.ScoreKey, wait.Answered, wait.Mean));
        Assert.Equal((true, null, null), (Assert.Single(stats["aspects"].Rows!, r => r.Id == "staff").Suppressed, (long?)null, (double?)null));
        Assert.Equal((true, null, null, null), (stats["comment"].Suppressed, stats["comment"].Answered, stats["comment"].Values, stats["comment"].Options));
        var counted = QuestionDistributions.Of(Survey(key), counts, minGroupSize: 4).Single(q => q.Id == "comment");
        Assert.Equal((false, 4L, null), (counted.Suppressed, counted.Answered, counted.Values));
    }

    private static SurveyTemplate Survey(string key) => new()
    {
        Id = key, Name = Texts, ConsentPurpose = "feedback-survey", Trigger = new SurveyTrigger { Touchpoint = "teller" },
        Questions =
        [
            new SurveyQuestion { Id = "nps", Kind = QuestionKind.Scale, Text = Texts, Scale = new ScaleSpec { ScoreKey = "nps", Minimum = 0, Maximum = 10 } },
            new SurveyQuestion
            {
                Id = "why", Kind = QuestionKind.Choice, Text = Texts, MultipleAnswers = true,
                Choices = [new Choice { Id = "fees", Text = Texts }, new Choice { Id = "other", Text = Texts, AsksForText = true }],
            },
            new SurveyQuestion
            {
                Id = "aspects", Kind = QuestionKind.Matrix, Text = Texts, Scale = new ScaleSpec { ScoreKey = "aspects", Minimum = 1, Maximum = 5 },
                Rows = [new MatrixRow { Id = "wait", Text = Texts, ScoreKey = "csat-wait" }, new MatrixRow { Id = "staff", Text = Texts, ScoreKey = "csat-staff" }],
            },
            new SurveyQuestion { Id = "comment", Kind = QuestionKind.Text, Text = Texts },
        ],
    };
}
