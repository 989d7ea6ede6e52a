namespace CemOnPrem.Surveys.Statistics;

/// <summary>Counts of completed responses' answers by answer key, summed over regions: how many answered, each number, each option.</summary>
internal sealed class AnswerCounts
{
    public Dictionary<string, long> Answered { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Key, int Value), long> Numbers { get; } = [];
    public Dictionary<(string Key, string Option), long> Options { get; } = [];

    public long AnsweredOf(string key) => Answered.GetValueOrDefault(key);
}
