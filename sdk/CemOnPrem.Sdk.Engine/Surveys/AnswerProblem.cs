namespace CemOnPrem.Sdk.Engine.Surveys;

/// <summary>Why an answer (or a missing one) is refused.</summary>
/// <param name="Key">The answer key at fault (<see cref="SurveyAnswerKeys"/>).</param>
/// <param name="Code">Stable code: <c>unknown-question</c>, <c>hidden-question</c>, <c>required</c>, <c>out-of-range</c>,
/// <c>not-a-number</c>, <c>unknown-choice</c>, <c>single-answer</c>, <c>too-long</c>, <c>not-text</c>.</param>
/// <param name="Message">In English, for logs and API callers; pages show their own texts by <paramref name="Code"/>.</param>
public sealed record AnswerProblem(string Key, string Code, string Message);
