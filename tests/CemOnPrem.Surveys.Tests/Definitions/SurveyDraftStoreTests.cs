using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Testing;

namespace CemOnPrem.Surveys.Tests.Definitions;

/// <summary>Drafts and published versions of admin-made surveys in the control database (C0080).</summary>
public sealed class SurveyDraftStoreTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private SurveyDraftStore Drafts => new(databases.Control, TimeProvider.System);

    private SurveyVersionStore Versions => new(databases.Control, TimeProvider.System);

    private static IReadOnlyDictionary<string, string[]> Valid(Sdk.Surveys.SurveyTemplate survey) => new Dictionary<string, string[]>();

    [Fact]
    public async Task Publishing_numbers_versions_one_two_and_keeps_each_version_as_published()
    {
        var key = TestSurveys.Key();
        await Drafts.CreateAsync(TestSurveys.Survey(key, "first"), "admin-1", Cancellation);
        var first = await Drafts.PublishAsync(key, null, Valid, "admin-1", Cancellation);
        var again = await Drafts.CreateAsync(TestSurveys.Survey(key, "second"), "admin-2", Cancellation);
        var second = await Drafts.PublishAsync(key, again.Revision, Valid, "admin-2", Cancellation);

        Assert.Equal(("1", "2"), (first.Published!.Version, second.Published!.Version));
        Assert.Equal("first", (await Versions.FindAsync(key, "1", Cancellation))!.Template.Questions[0].Id);
        Assert.Equal("second", (await Versions.LatestAsync(key, Cancellation))!.Template.Questions[0].Id);
        Assert.Equal([("1", "admin-1"), ("2", "admin-2")], (await Versions.VersionsAsync(key, Cancellation)).Select(v => (v.Version, v.PublishedBy)));
        Assert.Null(await Drafts.FindAsync(key, Cancellation));
    }

    [Fact]
    public async Task A_write_naming_an_old_revision_is_stale_and_changes_nothing()
    {
        var key = TestSurveys.Key();
        var created = await Drafts.CreateAsync(TestSurveys.Survey(key), "admin-1", Cancellation);
        var replaced = await Drafts.ReplaceAsync(key, TestSurveys.Survey(key, "changed"), created.Revision, "admin-2", Cancellation);

        var stale = await Drafts.ReplaceAsync(key, TestSurveys.Survey(key, "lost"), created.Revision, "admin-1", Cancellation);
        var staleDelete = await Drafts.DeleteAsync(key, created.Revision, "admin-1", Cancellation);
        var stalePublish = await Drafts.PublishAsync(key, created.Revision, Valid, "admin-1", Cancellation);

        Assert.Equal((DraftStatus.Written, 2), (replaced.Status, replaced.Revision));
        Assert.All([stale, staleDelete, stalePublish], outcome => Assert.Equal((DraftStatus.Stale, 2), (outcome.Status, outcome.Revision)));
        var draft = await Drafts.FindAsync(key, Cancellation);
        Assert.Equal(("changed", 2, "admin-2"), (draft!.Survey.Questions[0].Id, draft.Revision, draft.UpdatedBy));
    }

    [Fact]
    public async Task A_second_draft_of_the_same_key_is_refused_until_the_first_is_published()
    {
        var key = TestSurveys.Key();
        await Drafts.CreateAsync(TestSurveys.Survey(key), "admin-1", Cancellation);

        var twice = await Drafts.CreateAsync(TestSurveys.Survey(key), "admin-2", Cancellation);
        await Drafts.PublishAsync(key, null, Valid, "admin-1", Cancellation);
        var next = await Drafts.CreateAsync(TestSurveys.Survey(key), "admin-2", Cancellation);

        Assert.Equal(DraftStatus.Exists, twice.Status);
        Assert.Equal((DraftStatus.Written, 3), (next.Status, next.Revision));
    }

    [Fact]
    public async Task A_draft_with_problems_is_not_published_and_stays_a_draft()
    {
        var key = TestSurveys.Key();
        await Drafts.CreateAsync(TestSurveys.Survey(key), "admin-1", Cancellation);

        var refused = await Drafts.PublishAsync(key, null, _ => new Dictionary<string, string[]> { ["trigger"] = ["unknown touchpoint."] }, "admin-1", Cancellation);

        Assert.Equal(DraftStatus.Invalid, refused.Status);
        Assert.Equal(["unknown touchpoint."], refused.Problems!["trigger"]);
        Assert.Empty(await Versions.VersionsAsync(key, Cancellation));
        Assert.NotNull(await Drafts.FindAsync(key, Cancellation));
    }

    [Fact]
    public async Task Deleting_a_never_published_draft_forgets_the_survey_and_a_published_one_keeps_its_versions()
    {
        var (fresh, published) = (TestSurveys.Key(), TestSurveys.Key());
        var freshDraft = await Drafts.CreateAsync(TestSurveys.Survey(fresh), "admin-1", Cancellation);
        await Drafts.CreateAsync(TestSurveys.Survey(published), "admin-1", Cancellation);
        await Drafts.PublishAsync(published, null, Valid, "admin-1", Cancellation);
        var nextDraft = await Drafts.CreateAsync(TestSurveys.Survey(published, "next"), "admin-1", Cancellation);

        await Drafts.DeleteAsync(fresh, freshDraft.Revision, "admin-1", Cancellation);
        await Drafts.DeleteAsync(published, nextDraft.Revision, "admin-1", Cancellation);

        Assert.DoesNotContain(fresh, await Drafts.KeysWithDraftAsync(Cancellation));
        var recreated = await Drafts.CreateAsync(TestSurveys.Survey(fresh), "admin-1", Cancellation);
        Assert.Equal((DraftStatus.Written, 1), (recreated.Status, recreated.Revision));
        Assert.Null(await Drafts.FindAsync(published, Cancellation));
        Assert.Equal("nps", (await Versions.LatestAsync(published, Cancellation))!.Template.Questions[0].Id);
    }
}
