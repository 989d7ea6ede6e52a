using System.Globalization;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Sdk.Engine;

/// <summary>Evaluates <see cref="ComparisonOperator"/>s; ordering operators compare numbers, equality compares text.</summary>
public static class Comparisons
{
    public static bool Compare(double actual, ComparisonOperator op, double expected) => op switch
    {
        ComparisonOperator.Equal => actual == expected,
        ComparisonOperator.NotEqual => actual != expected,
        ComparisonOperator.LessThan => actual < expected,
        ComparisonOperator.LessOrEqual => actual <= expected,
        ComparisonOperator.GreaterThan => actual > expected,
        ComparisonOperator.GreaterOrEqual => actual >= expected,
        ComparisonOperator.In => actual == expected,
        _ => false,
    };

    /// <summary>Compares answer values (a multi-answer question has several) with the condition's values.</summary>
    public static bool Compare(IReadOnlyList<string> actual, ComparisonOperator op, IReadOnlyList<string> expected)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        if (actual.Count == 0 || expected.Count == 0)
        {
            return op == ComparisonOperator.NotEqual && actual.Count == 0;
        }

        return op switch
        {
            ComparisonOperator.Equal => actual.Contains(expected[0]),
            ComparisonOperator.NotEqual => !actual.Contains(expected[0]),
            ComparisonOperator.In => actual.Any(expected.Contains),
            _ => double.TryParse(actual[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var a) &&
                 double.TryParse(expected[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var b) &&
                 Compare(a, op, b),
        };
    }
}
