using System.Text.Json;
using CemOnPrem.Sdk.Packs;
using CemOnPrem.Sdk.Packs.Validation;

namespace CemOnPrem.Cli.Packs;

/// <summary>
/// <c>cemctl pack check DIR</c>: the pack rules the server applies when it loads a pack (the SDK's
/// <see cref="PackRules"/>, shared with the test kit), offline, with the level of each problem and the file at fault.
/// Exit code 1 when a load rule is broken (the server would refuse the pack), 0 otherwise.
/// </summary>
internal static class PackCheck
{
    private static readonly string[] ContentFolders = ["journeys", "metrics", "surveys", "rules", "lexicons"];

    public static int Run(string packDir, TextWriter output, TextWriter error) => CliErrors.Guard(error, () =>
    {
        if (!Directory.Exists(packDir))
        {
            throw new CliException($"{packDir}: no such folder.");
        }

        PackContent pack;
        try
        {
            pack = PackContentReader.Read(packDir);
        }
        catch (PackFormatException ex)
        {
            // A file the reader cannot read is refused at load time too; its message names the file and JSON path.
            error.WriteLine($"load     {ex.Message} (format)");
            error.WriteLine("refused: the server would not load this pack");
            return 1;
        }

        var problems = PackRules.CheckManifest(pack.Manifest).Concat(PackRules.CheckContent(pack)).Distinct().ToList();
        foreach (var problem in problems.OrderBy(p => p.Level).ThenBy(p => p.Where, StringComparer.Ordinal))
        {
            var (file, member) = Locate(packDir, problem.Where);
            var at = member is null or "$" ? file : $"{file} {member}";
            error.WriteLine($"{(problem.Level == PackRuleLevel.Load ? "load   " : "publish")}  {at}: {problem.Message} ({problem.Rule})");
        }

        var load = problems.Count(p => p.Level == PackRuleLevel.Load);
        var summary = $"{pack.Manifest.Id} {pack.Manifest.Version}: {load} load problem(s), {problems.Count - load} publish problem(s)";
        if (load > 0)
        {
            error.WriteLine($"refused: {summary}; the server would not load this pack");
            return 1;
        }

        // The pack's code (custom metric calculators) is checked when it is loaded, and by the kit in the pack's tests.
        output.WriteLine($"loadable: {summary}");
        return 0;
    });

    /// <summary>
    /// Turns a rule's <c>folder/item-id/member</c> into the file holding that item (by convention named after its id,
    /// otherwise the file whose <c>id</c> — or a lexicon's <c>language</c> — matches) and the JSON path inside it.
    /// </summary>
    private static (string File, string? Member) Locate(string packDir, string where)
    {
        var parts = where.Split('/', 3);
        if (parts.Length < 2 || !ContentFolders.Contains(parts[0], StringComparer.Ordinal))
        {
            return (where, null);
        }

        var member = parts.Length == 3 ? parts[2] : null;
        var folder = Path.Combine(packDir, parts[0]);
        var key = parts[0] == "lexicons" ? "language" : "id";
        var byName = Path.Combine(folder, parts[1] + ".json");
        string[] files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json") : [];
        foreach (var file in files.Order(StringComparer.Ordinal).Prepend(byName).Where(File.Exists))
        {
            using var document = Parse(file);
            if (document is not null && Text(document.RootElement, key) == parts[1])
            {
                return ($"{parts[0]}/{Path.GetFileName(file)}", JsonPath(document.RootElement, member));
            }
        }

        return (where, null);
    }

    /// <summary>
    /// The rules name a member by property names and, inside arrays, by the element's id (<c>stages/review</c>); the JSON
    /// path names array elements by index (<c>$.stages[2]</c>). A segment that cannot be resolved is kept as it is.
    /// </summary>
    private static string JsonPath(JsonElement root, string? member)
    {
        var path = "$";
        var current = root;
        var segments = member?.Split('/') ?? [];
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var property))
            {
                path += "." + segment;
                current = property;
            }
            else if (current.ValueKind == JsonValueKind.Array
                     && current.EnumerateArray().Select((element, index) => (element, index)).FirstOrDefault(e => Text(e.element, "id") == segment) is { element.ValueKind: not JsonValueKind.Undefined } match)
            {
                path += $"[{match.index}]";
                current = match.element;
            }
            else
            {
                return path + " " + string.Join('/', segments[i..]);
            }
        }

        return path;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonDocument? Parse(string file)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
