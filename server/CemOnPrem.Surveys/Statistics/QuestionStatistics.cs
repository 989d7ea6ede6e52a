namespace CemOnPrem.Surveys.Statistics;

/// <summary>
/// The answers to one question (or one matrix row) of the completed responses. <see cref="Suppressed"/> when fewer
/// than the minimum group size answered: then neither the count nor any figure is shown. Free text is only counted.
/// </summary>
/// <param name="Answered">How many completed responses answered it.</param>
/// <param name="Values">Scale and matrix rows: each value of the scale with its count, lowest first.</param>
/// <param name="Mean">Scale and matrix rows: the mean answer.</param>
/// <param name="Options">Choice: each option with how often it was picked (several per response for multiple answers).</param>
/// <param name="OptionTexts">Choice: for options that ask for text, how many gave one.</param>
/// <param name="Rows">Matrix: each row on its own.</param>
public sealed record QuestionStatistics(
    string Id, string Kind, string? ScoreKey, bool Suppressed, long? Answered, IReadOnlyList<ValueCount>? Values, double? Mean,
    IReadOnlyList<OptionCount>? Options, IReadOnlyList<OptionCount>? OptionTexts, IReadOnlyList<QuestionStatistics>? Rows);
