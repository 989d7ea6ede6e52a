using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CemOnPrem.Bench.Reporting;

/// <summary>Writes a run's results as indented JSON under bench/results (or --out).</summary>
internal static class ResultFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(string directory, string kind, string? label, object result)
    {
        Directory.CreateDirectory(directory);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var name = label is null ? $"{kind}-{stamp}.json" : $"{kind}-{stamp}-{label}.json";
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, JsonSerializer.Serialize(result, Json) + "\n");
        return path;
    }
}
