namespace CemOnPrem.Cluster.Tests.Support;

/// <summary>
/// Measured figures: to the test output, and appended to the file named by <c>CEM_CLUSTER_REPORT</c> if set
/// (how docs/performance.md's "Cluster failover" figures are produced).
/// </summary>
internal static class Report
{
    public static void Write(string title, IEnumerable<(string Name, string Value)> figures)
    {
        var lines = new List<string> { $"### {title} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)", "", "| figure | value |", "|---|---|" };
        lines.AddRange(figures.Select(figure => $"| {figure.Name} | {figure.Value} |"));
        lines.Add("");
        var text = string.Join('\n', lines);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        var file = Environment.GetEnvironmentVariable("CEM_CLUSTER_REPORT");
        if (!string.IsNullOrEmpty(file))
        {
            File.AppendAllText(file, text + "\n");
        }
    }

    public static string Ms(double? value) =>
        value is { } ms ? $"{ms / 1000:0.00} s" : "not reached";
}
