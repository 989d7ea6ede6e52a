using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Invitations;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// A respondent's answers to one invitation: kept part-way (partial progress), then finished once. Answers are keyed
/// as <see cref="SurveyAnswerKeys"/> says and checked with <see cref="SurveyResponseValidation"/> against the
/// invitation's survey version; nothing is stored when any answer is refused.
/// </summary>
public interface ISurveyResponseStore
{
    /// <summary>The answers saved so far (empty when none).</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> LoadAsync(SurveyInvitation invitation, CancellationToken cancellationToken);

    /// <summary>Keeps answers part-way (required answers are not checked yet); replaces the answers of the keys given.</summary>
    Task<ResponseOutcome> SaveProgressAsync(
        SurveyInvitation invitation, PublishedSurvey survey, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, CancellationToken cancellationToken);

    /// <summary>
    /// Finishes the response with these answers (all of them, not only the last page's): checked as complete, stored per
    /// answer key, the invitation marked completed and the feedback event in the event log — acknowledged only once all
    /// of that is durable.
    /// </summary>
    Task<ResponseOutcome> CompleteAsync(
        SurveyInvitation invitation, PublishedSurvey survey, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, CancellationToken cancellationToken);
}

/// <summary>What happened to answers handed to the store.</summary>
public sealed record ResponseOutcome(ResponseStatus Status, IReadOnlyList<AnswerProblem> Problems, Guid? ResponseId)
{
    public static ResponseOutcome Of(ResponseStatus status) => new(status, [], null);
}

public enum ResponseStatus
{
    /// <summary>Saved (part-way) or finished.</summary>
    Stored,

    /// <summary>Some answer was refused (<see cref="ResponseOutcome.Problems"/>); nothing was stored.</summary>
    Invalid,

    /// <summary>The invitation already has a finished response.</summary>
    AlreadyAnswered,

    /// <summary>The invitation expired or can no longer be answered.</summary>
    Closed,
}
