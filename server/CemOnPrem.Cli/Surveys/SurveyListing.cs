using System.Globalization;
using System.Text.Json;
using CemOnPrem.Sdk.Packs;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Cli.Surveys;

/// <summary>The two <c>cemctl surveys</c> commands: tab-separated list lines, and the text preview of one survey.</summary>
internal static class SurveyListing
{
    public static async Task<int> ListAsync(SurveysApiClient api, TextWriter output, TextWriter error)
    {
        try
        {
            using var list = await api.GetAsync("/api/v1/surveys").ConfigureAwait(false);
            foreach (var item in list.RootElement.GetProperty("items").EnumerateArray())
            {
                var languages = string.Join(",", item.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
                var name = item.GetProperty("name");
                var display = name.TryGetProperty("en", out var en) ? en.GetString() : name.EnumerateObject().FirstOrDefault().Value.GetString();
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{item.GetProperty("key").GetString()}\t{item.GetProperty("version").GetString()}\t{item.GetProperty("source").GetString()}\t{languages}\t{item.GetProperty("questionCount").GetInt32()} questions{(item.GetProperty("hasDraft").GetBoolean() ? "\tdraft" : "")}\t{display}"))
                    .ConfigureAwait(false);
            }

            foreach (var draft in list.RootElement.GetProperty("drafts").EnumerateArray())
            {
                await output.WriteLineAsync($"{draft.GetString()}\t-\tadmin\t-\tdraft only (not published)").ConfigureAwait(false);
            }

            return 0;
        }
        catch (CliException ex)
        {
            await error.WriteLineAsync($"cemctl: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    public static async Task<int> PreviewAsync(SurveysApiClient api, string key, string? version, string language, TextWriter output, TextWriter error)
    {
        try
        {
            var query = version is null ? "" : "?version=" + Uri.EscapeDataString(version);
            using var detail = await api.GetAsync($"/api/v1/surveys/{Uri.EscapeDataString(key)}{query}").ConfigureAwait(false);
            var root = detail.RootElement;
            var languages = root.GetProperty("languages").EnumerateArray().Select(l => l.GetString()).ToList();
            if (!languages.Contains(language))
            {
                throw new CliException($"--lang: survey '{key}' has texts in {string.Join(", ", languages)}, not '{language}'.");
            }

            var survey = root.GetProperty("survey").Deserialize<SurveyTemplate>(PackContentReader.JsonOptions)
                ?? throw new CliException($"the server sent no questions for '{key}'.");
            var source = root.GetProperty("source").GetString() == "pack" ? $"pack {root.GetProperty("packId").GetString()}" : "admin-made";
            await output.WriteLineAsync($"survey {root.GetProperty("key").GetString()}  version {root.GetProperty("version").GetString()}  ({source})").ConfigureAwait(false);
            foreach (var line in SurveyPreview.Lines(survey, language))
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return 0;
        }
        catch (Exception ex) when (ex is CliException or JsonException)
        {
            await error.WriteLineAsync($"cemctl: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
