using System.Text.Json;
using System.Text.Json.Serialization;

namespace CemOnPrem.Sdk.Packs;

/// <summary>
/// Reads a pack folder: <c>pack.json</c> and every <c>*.json</c> under <c>journeys/</c>, <c>metrics/</c>,
/// <c>surveys/</c>, <c>rules/</c> and <c>lexicons/</c> (each file holds one item). Unknown properties are
/// errors, so a typo is reported instead of silently ignored.
/// </summary>
public static class PackContentReader
{
    /// <summary>The manifest file name at the root of a pack folder.</summary>
    public const string ManifestFile = "pack.json";

    /// <summary>JSON settings of pack files: camelCase, enums as kebab-case strings, comments and trailing commas allowed.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Reads only the manifest.</summary>
    /// <param name="packDirectory">The pack folder.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="PackFormatException">The file is missing or not a valid manifest.</exception>
    public static PackManifest ReadManifest(string packDirectory) =>
        ReadFile<PackManifest>(Path.Combine(packDirectory, ManifestFile), packDirectory);

    /// <summary>Reads the manifest and all content.</summary>
    /// <param name="packDirectory">The pack folder.</param>
    /// <returns>The pack's content.</returns>
    /// <exception cref="PackFormatException">A file is missing or invalid; the message names the file and the JSON path.</exception>
    public static PackContent Read(string packDirectory) => new()
    {
        Manifest = ReadManifest(packDirectory),
        Journeys = ReadFolder<Journeys.JourneyTemplate>(packDirectory, "journeys"),
        Metrics = ReadFolder<Metrics.MetricDefinition>(packDirectory, "metrics"),
        Surveys = ReadFolder<Surveys.SurveyTemplate>(packDirectory, "surveys"),
        Rules = ReadFolder<Rules.CaseRule>(packDirectory, "rules"),
        Lexicons = ReadFolder<Text.TextLexicon>(packDirectory, "lexicons"),
    };

    private static List<T> ReadFolder<T>(string packDirectory, string folder)
    {
        var path = Path.Combine(packDirectory, folder);
        return Directory.Exists(path)
            ? [.. Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).Select(file => ReadFile<T>(file, packDirectory))]
            : [];
    }

    private static T ReadFile<T>(string file, string packDirectory)
    {
        var relative = Path.GetRelativePath(packDirectory, file);
        if (!File.Exists(file))
        {
            throw new PackFormatException(relative, $"{relative}: file not found.");
        }

        try
        {
            using var stream = File.OpenRead(file);
            return JsonSerializer.Deserialize<T>(stream, JsonOptions)
                ?? throw new PackFormatException(relative, $"{relative}: the file holds null.");
        }
        catch (JsonException ex)
        {
            throw new PackFormatException(relative, $"{relative}: {ex.Message}", ex);
        }
    }
}

/// <summary>A pack file is missing or malformed.</summary>
public sealed class PackFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The pack-relative file at fault.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="inner">The underlying error.</param>
    public PackFormatException(string file, string message, Exception? inner = null) : base(message, inner) => File = file;

    /// <summary>The pack-relative file at fault.</summary>
    public string File { get; }
}
