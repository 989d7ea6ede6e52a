namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// What a finished response's feedback event is made of, as stored (<c>survey_responses</c> with its invitation's
/// journey and touchpoint): the store builds it right after the commit, the relay from the rows, and both give the
/// same event, so an append repeated after a crash is the same event again (a no-op in the log).
/// </summary>
internal sealed record FinishedResponse(
    Guid ResponseId, string Region, string SurveyKey, string SurveyVersion, string? CustomerId, string? OrgUnit, string? Journey, string? Touchpoint,
    DateTimeOffset CompletedAt);
