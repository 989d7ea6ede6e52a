namespace CemOnPrem.Surveys.Responses;

/// <summary>A response as the API shows it: its answers per key, free text decrypted for readers who may see it.</summary>
public sealed record SurveyResponseView(
    Guid ResponseId, string Region, string SurveyKey, string SurveyVersion, string? CustomerId, string? OrgUnit, string Language, string Status,
    DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, IReadOnlyList<SurveyAnswerView> Answers);

/// <summary>
/// One answer key (docs/surveys.md): <see cref="Number"/> for a scale or matrix row, <see cref="Choices"/> for a choice,
/// <see cref="Text"/> for free text — null with <see cref="TextWithheld"/> when the reader may not see it or its key is
/// gone (the customer was erased).
/// </summary>
public sealed record SurveyAnswerView(string Key, string QuestionId, int? Number, IReadOnlyList<string>? Choices, string? Text, bool TextWithheld);
