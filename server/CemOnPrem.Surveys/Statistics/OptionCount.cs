namespace CemOnPrem.Surveys.Statistics;

/// <summary>How often an option was picked (or, in <see cref="QuestionStatistics.OptionTexts"/>, given a text).</summary>
public sealed record OptionCount(string Id, long Count);
