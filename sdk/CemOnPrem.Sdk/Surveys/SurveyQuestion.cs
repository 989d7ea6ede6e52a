namespace CemOnPrem.Sdk.Surveys;

/// <summary>One question of a survey.</summary>
public sealed record SurveyQuestion
{
    /// <summary>Unique within the survey.</summary>
    public required string Id { get; init; }

    /// <summary>Scale, choice, text or a matrix of scales.</summary>
    public required QuestionKind Kind { get; init; }

    /// <summary>The question per language.</summary>
    public required IReadOnlyDictionary<string, string> Text { get; init; }

    /// <summary>
    /// For <see cref="QuestionKind.Scale"/>: the range and the score key answers are stored under. For
    /// <see cref="QuestionKind.Matrix"/>: the range every row shares (its score key names the matrix as a whole).
    /// </summary>
    public ScaleSpec? Scale { get; init; }

    /// <summary>For <see cref="QuestionKind.Choice"/>: the options.</summary>
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>For <see cref="QuestionKind.Matrix"/>: the aspects rated on the shared scale, each with its own score key.</summary>
    public IReadOnlyList<MatrixRow> Rows { get; init; } = [];

    /// <summary>For <see cref="QuestionKind.Choice"/>: whether several options may be picked.</summary>
    public bool MultipleAnswers { get; init; }

    /// <summary>Whether an answer is needed to finish the survey (when the question is shown).</summary>
    public bool Required { get; init; }

    /// <summary>Show the question only when this holds; it may refer to earlier questions only.</summary>
    public Condition? ShowIf { get; init; }
}

/// <summary>Kinds of question.</summary>
public enum QuestionKind
{
    /// <summary>A number on a scale (NPS 0–10, CSAT 1–5, CES 1–7, ...).</summary>
    Scale,

    /// <summary>One or more of fixed options.</summary>
    Choice,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>Several aspects rated on one scale at once (what key-driver analysis needs).</summary>
    Matrix,
}

/// <summary>The range of a scale question.</summary>
public sealed record ScaleSpec
{
    /// <summary>Score key the answer is stored under (e.g. <c>nps</c>).</summary>
    public required string ScoreKey { get; init; }

    /// <summary>Lowest answer.</summary>
    public required int Minimum { get; init; }

    /// <summary>Highest answer.</summary>
    public required int Maximum { get; init; }

    /// <summary>Label of the lowest answer per language.</summary>
    public IReadOnlyDictionary<string, string> MinimumLabel { get; init; } = new Dictionary<string, string>();

    /// <summary>Label of the highest answer per language.</summary>
    public IReadOnlyDictionary<string, string> MaximumLabel { get; init; } = new Dictionary<string, string>();
}

/// <summary>An option of a choice question.</summary>
public sealed record Choice
{
    /// <summary>Unique within the question.</summary>
    public required string Id { get; init; }

    /// <summary>The option per language.</summary>
    public required IReadOnlyDictionary<string, string> Text { get; init; }

    /// <summary>Picking this option asks the respondent to say more in free text ("other, please specify").</summary>
    public bool AsksForText { get; init; }
}

/// <summary>One aspect of a <see cref="QuestionKind.Matrix"/> question.</summary>
public sealed record MatrixRow
{
    /// <summary>Unique within the question.</summary>
    public required string Id { get; init; }

    /// <summary>The aspect per language.</summary>
    public required IReadOnlyDictionary<string, string> Text { get; init; }

    /// <summary>Score key the row's answer is stored under (e.g. <c>csat-staff</c>).</summary>
    public required string ScoreKey { get; init; }
}
