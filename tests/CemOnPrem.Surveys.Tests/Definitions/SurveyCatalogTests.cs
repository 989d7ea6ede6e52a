using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Testing;

namespace CemOnPrem.Surveys.Tests.Definitions;

/// <summary>The catalog over admin-made surveys and recorded pack versions (no pack is loaded here; the HTTP tests load one).</summary>
public sealed class SurveyCatalogTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private SurveyVersionStore Versions => new(databases.Control, TimeProvider.System);

    private SurveyCatalog Catalog() => new(new PackSurveyCatalog(TestSurveys.EmptyRegistry()), Versions);

    private async Task PublishAsync(string key, string question)
    {
        var drafts = new SurveyDraftStore(databases.Control, TimeProvider.System);
        await drafts.CreateAsync(TestSurveys.Survey(key, question), "admin-1", Cancellation);
        await drafts.PublishAsync(key, null, _ => new Dictionary<string, string[]>(), "admin-1", Cancellation);
    }

    [Fact]
    public async Task An_admin_made_survey_is_found_at_its_latest_or_any_earlier_version_and_listed()
    {
        var key = TestSurveys.Key();
        await PublishAsync(key, "first");
        await PublishAsync(key, "second");
        var catalog = Catalog();

        var latest = await catalog.FindAsync(key, null, Cancellation);
        var first = await catalog.FindAsync(key, "1", Cancellation);
        var listed = Assert.Single(await catalog.ListAsync(Cancellation), s => s.Key == key);

        Assert.Equal(("2", "second", null), (latest!.Version, latest.Template.Questions[0].Id, latest.PackId));
        Assert.NotNull(latest.PublishedAt);
        Assert.Equal("first", first!.Template.Questions[0].Id);
        Assert.Equal("2", listed.Version);
        Assert.Null(await catalog.FindAsync(key, "3", Cancellation));
    }

    [Fact]
    public async Task A_recorded_pack_version_still_resolves_after_its_pack_is_gone_but_is_not_the_latest_of_anything()
    {
        var key = SurveyKeys.ForPack("com.example.banking", TestSurveys.Key());
        var old = new PublishedSurvey(key, "1.0.0", "com.example.banking", TestSurveys.Survey(key.Split(':')[1], "old-question"), null);
        await Versions.RecordPackVersionAsync(old, Cancellation);
        await Versions.RecordPackVersionAsync(old with { Template = TestSurveys.Survey("x", "changed") }, Cancellation);
        var catalog = Catalog();

        var found = await catalog.FindAsync(key, "1.0.0", Cancellation);

        Assert.Equal(("1.0.0", "com.example.banking", "old-question"), (found!.Version, found.PackId, found.Template.Questions[0].Id));
        Assert.Null(found.PublishedAt);
        Assert.Null(await catalog.FindAsync(key, null, Cancellation));
        Assert.DoesNotContain(await catalog.ListAsync(Cancellation), s => s.Key == key);
    }

    [Theory]
    [InlineData("Not A Key")]
    [InlineData("pack:")]
    [InlineData("")]
    public async Task A_malformed_key_finds_nothing(string key) => Assert.Null(await Catalog().FindAsync(key, null, Cancellation));
}
