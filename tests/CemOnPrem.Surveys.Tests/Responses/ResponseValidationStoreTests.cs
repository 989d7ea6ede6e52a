using CemOnPrem.Surveys.Responses;
using CemOnPrem.Testing;

namespace CemOnPrem.Surveys.Tests.Responses;

/// <summary>Every validation rule, through the store: the answers are refused with the key and code at fault, and nothing is stored.</summary>
public sealed class ResponseValidationStoreTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string[], string> Refused => new()
    {
        { "unknown question", "color", ["red"], "color:unknown-question" },
        { "hidden by an earlier answer", "why", ["fees"], "why:hidden-question" },
        { "option text without the option", "why/other", ["x"], "why/other:hidden-question" },
        { "hidden by an attribute", "vip-extra", ["hello"], "vip-extra:hidden-question" },
        { "out of range", "aspects/staff", ["6"], "aspects/staff:out-of-range" },
        { "not a number", "aspects/staff", ["five"], "aspects/staff:not-a-number" },
        { "two values for a scale", "aspects/staff", ["4", "5"], "aspects/staff:single-answer" },
        { "unknown matrix row", "aspects/parking", ["4"], "aspects/parking:unknown-question" },
        { "too long", "wait-detail", [new string('x', 4001)], "wait-detail:too-long" },
        { "control characters", "wait-detail", ["a\u0000b"], "wait-detail:not-text" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_refused_answer_is_reported_by_key_and_nothing_is_stored(string rule, string key, string[] values, string expected)
    {
        Assert.NotEmpty(rule);
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, await harness.CustomerAsync(Region));
        var answers = ResponseSurveys.Promoter();
        answers["aspects/wait"] = ["1"]; // shows wait-detail, so its own rules are what is tested
        answers[key] = values;

        var completed = await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, answers, Cancellation);
        var saved = await harness.Store.SaveProgressAsync(invitation, ResponseSurveys.Published, answers, Cancellation);

        Assert.Equal((ResponseStatus.Invalid, ResponseStatus.Invalid), (completed.Status, saved.Status));
        Assert.Contains(expected, completed.Problems.Select(p => $"{p.Key}:{p.Code}"));
        Assert.Contains(expected, saved.Problems.Select(p => $"{p.Key}:{p.Code}"));
        Assert.Equal(0L, await harness.ScalarAsync<long>(Region, "select count(*) from survey_responses where invitation_id = @id", new { id = invitation.InvitationId }));
        Assert.Equal(0, harness.Events.Appends);
    }

    [Fact]
    public async Task An_unknown_option_is_refused()
    {
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, await harness.CustomerAsync(Region));
        var answers = ResponseSurveys.Detractor("a", "b");
        answers["why"] = ["fees", "gifts"];
        answers.Remove("why/other");

        var outcome = await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, answers, Cancellation);

        Assert.Equal(["why:unknown-choice"], outcome.Problems.Select(p => $"{p.Key}:{p.Code}"));
        Assert.Equal(0L, await harness.ScalarAsync<long>(Region, "select count(*) from survey_responses where invitation_id = @id", new { id = invitation.InvitationId }));
    }

    [Fact]
    public async Task A_detractor_without_the_required_reason_is_refused_on_completion_but_kept_as_progress()
    {
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, await harness.CustomerAsync(Region));
        var answers = ResponseSurveys.Answers(("nps", ["2"]), ("aspects/staff", ["3"]));

        var completed = await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, answers, Cancellation);
        var saved = await harness.Store.SaveProgressAsync(invitation, ResponseSurveys.Published, answers, Cancellation);

        Assert.Equal(["aspects/wait:required", "why:required"], completed.Problems.Select(p => $"{p.Key}:{p.Code}").Order(StringComparer.Ordinal));
        Assert.Equal(ResponseStatus.Stored, saved.Status);
    }

    [Fact]
    public async Task An_attribute_of_the_invitation_shows_the_question_it_guards()
    {
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, await harness.CustomerAsync(Region), attributes: """{"segment":"vip"}""");
        var answers = ResponseSurveys.Promoter();
        answers["vip-extra"] = ["Thanks for the tea"];

        var outcome = await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, answers, Cancellation);

        Assert.Equal(ResponseStatus.Stored, outcome.Status);
    }

    [Fact]
    public async Task Blank_values_count_as_not_answered()
    {
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, await harness.CustomerAsync(Region));
        var answers = ResponseSurveys.Promoter();
        answers["wait-detail"] = ["   "];
        answers["why"] = [""];

        var outcome = await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, answers, Cancellation);

        Assert.Equal(ResponseStatus.Stored, outcome.Status);
        Assert.Equal(3L, await harness.ScalarAsync<long>(Region, "select count(*) from survey_answers where response_id = @id", new { id = outcome.ResponseId }));
    }
}
