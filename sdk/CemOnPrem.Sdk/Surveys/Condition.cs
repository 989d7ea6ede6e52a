namespace CemOnPrem.Sdk.Surveys;

/// <summary>
/// A branching condition. Exactly one of: a test of an earlier answer (<see cref="Answer"/>), a test of a
/// customer attribute (<see cref="Attribute"/>), all of several conditions (<see cref="All"/>) or any of
/// them (<see cref="Any"/>).
/// </summary>
public sealed record Condition
{
    /// <summary>Id of an earlier question whose answer is tested.</summary>
    public string? Answer { get; init; }

    /// <summary>Customer or event attribute key that is tested.</summary>
    public string? Attribute { get; init; }

    /// <summary>The comparison.</summary>
    public ComparisonOperator Operator { get; init; } = ComparisonOperator.Equal;

    /// <summary>The value(s) to compare with: one for ordering operators, one or more for <see cref="ComparisonOperator.In"/>.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>All of these must hold.</summary>
    public IReadOnlyList<Condition> All { get; init; } = [];

    /// <summary>At least one of these must hold.</summary>
    public IReadOnlyList<Condition> Any { get; init; } = [];
}

/// <summary>Comparison operators of a <see cref="Condition"/>; ordering operators compare numbers.</summary>
public enum ComparisonOperator
{
    /// <summary>Equals the (first) value.</summary>
    Equal,

    /// <summary>Differs from the (first) value.</summary>
    NotEqual,

    /// <summary>Less than.</summary>
    LessThan,

    /// <summary>Less than or equal.</summary>
    LessOrEqual,

    /// <summary>Greater than.</summary>
    GreaterThan,

    /// <summary>Greater than or equal.</summary>
    GreaterOrEqual,

    /// <summary>One of the values (for a multi-answer choice: any picked option is one of them).</summary>
    In,
}
