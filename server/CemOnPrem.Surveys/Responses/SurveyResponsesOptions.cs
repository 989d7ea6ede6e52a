namespace CemOnPrem.Surveys.Responses;

/// <summary><c>Cem:Surveys:Responses</c>: the relay that appends feedback events a crash left behind (docs/surveys.md).</summary>
public sealed class SurveyResponsesOptions
{
    public const string Section = "Cem:Surveys:Responses";

    /// <summary>Runs the relay on this node (every node may: claims use <c>skip locked</c>, and a second append is a no-op).</summary>
    public bool RelayEnabled { get; set; } = true;

    /// <summary>How long after completion a response without its event is taken as left behind (the store appends it itself within milliseconds).</summary>
    public double RelayGraceSeconds { get; set; } = 30;

    /// <summary>The pause between relay polls.</summary>
    public double RelayPollSeconds { get; set; } = 10;

    /// <summary>Responses claimed per relay transaction.</summary>
    public int RelayBatchSize { get; set; } = 100;

    public IEnumerable<string> Validate()
    {
        if (RelayGraceSeconds is < 1 or > 86_400)
        {
            yield return $"{Section}:RelayGraceSeconds must be 1-86400 (is {RelayGraceSeconds}).";
        }

        if (RelayPollSeconds is < 0.1 or > 3_600)
        {
            yield return $"{Section}:RelayPollSeconds must be 0.1-3600 (is {RelayPollSeconds}).";
        }

        if (RelayBatchSize is < 1 or > 10_000)
        {
            yield return $"{Section}:RelayBatchSize must be 1-10000 (is {RelayBatchSize}).";
        }
    }
}
