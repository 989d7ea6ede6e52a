namespace CemOnPrem.Sdk.Surveys;

/// <summary>An adaptive survey: questions shown or skipped by earlier answers and customer attributes.</summary>
public sealed record SurveyTemplate
{
    /// <summary>Unique within the pack.</summary>
    public required string Id { get; init; }

    /// <summary>Display name per language.</summary>
    public required IReadOnlyDictionary<string, string> Name { get; init; }

    /// <summary>The journey event that sends the survey.</summary>
    public required SurveyTrigger Trigger { get; init; }

    /// <summary>The consent purpose a customer must have granted, e.g. <c>feedback-survey</c>.</summary>
    public required string ConsentPurpose { get; init; }

    /// <summary>Questions in display order.</summary>
    public required IReadOnlyList<SurveyQuestion> Questions { get; init; }
}

/// <summary>When a survey is sent: on a touchpoint, or when a journey reaches a stage or ends.</summary>
public sealed record SurveyTrigger
{
    /// <summary>Send after this touchpoint.</summary>
    public string? Touchpoint { get; init; }

    /// <summary>Send for this journey template (with <see cref="Stage"/> or <see cref="OnCompletion"/>).</summary>
    public string? Journey { get; init; }

    /// <summary>Send when the journey enters this stage.</summary>
    public string? Stage { get; init; }

    /// <summary>Send when the journey completes.</summary>
    public bool OnCompletion { get; init; }

    /// <summary>Wait this ISO 8601 duration before sending (e.g. <c>PT2H</c>); none means at once.</summary>
    public string? Delay { get; init; }
}
