namespace CemOnPrem.Sdk;

/// <summary>
/// The answer scale of a score carried by a feedback event, e.g. NPS 0–10 in whole steps.
/// </summary>
/// <param name="Key">The score key in an event's <c>scores</c> map, e.g. <c>nps</c>.</param>
/// <param name="Minimum">Lowest allowed value, inclusive.</param>
/// <param name="Maximum">Highest allowed value, inclusive.</param>
/// <param name="WholeNumbersOnly">Whether fractional answers are refused.</param>
public sealed record ScoreScale(string Key, double Minimum, double Maximum, bool WholeNumbersOnly)
{
    /// <summary>Net Promoter Score answer: 0–10, whole numbers.</summary>
    public static ScoreScale Nps { get; } = new("nps", 0, 10, true);

    /// <summary>Customer satisfaction answer: 1–5, whole numbers.</summary>
    public static ScoreScale Csat { get; } = new("csat", 1, 5, true);

    /// <summary>Customer effort answer: 1–7, whole numbers.</summary>
    public static ScoreScale Ces { get; } = new("ces", 1, 7, true);

    /// <summary>The scales every deployment knows, keyed by score key.</summary>
    public static IReadOnlyDictionary<string, ScoreScale> BuiltIn { get; } =
        new Dictionary<string, ScoreScale>(StringComparer.Ordinal)
        {
            [Nps.Key] = Nps,
            [Csat.Key] = Csat,
            [Ces.Key] = Ces,
        };

    /// <summary>True when <paramref name="value"/> is an allowed answer on this scale.</summary>
    /// <param name="value">The answer.</param>
    /// <returns>Whether the answer is within range and, where required, whole.</returns>
    public bool Allows(double value) =>
        double.IsFinite(value) && value >= Minimum && value <= Maximum &&
        (!WholeNumbersOnly || Math.Floor(value) == value);

    /// <summary>A sentence describing the scale, for error messages.</summary>
    public string Describe() =>
        WholeNumbersOnly
            ? $"must be a whole number from {Minimum} to {Maximum}"
            : $"must be a number from {Minimum} to {Maximum}";
}
