using System.CommandLine;

namespace CemOnPrem.Cli.Surveys;

/// <summary>
/// <c>cemctl surveys list</c> and <c>cemctl surveys preview KEY [--version V] [--lang zh|en]</c>: ask a running
/// server (<c>GET /api/v1/surveys</c>), because which pack surveys exist depends on the packs it loaded, as for
/// <c>cemctl packs list</c>. Definitions name no one; any CX role's token will do.
/// </summary>
internal static class SurveyCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var surveys = new Command("surveys", "Survey definitions of a running server: list them, preview one as text.");
        var server = new Option<Uri>("--server") { Description = "The server's base URL.", DefaultValueFactory = _ => new Uri("http://127.0.0.1:5080") };
        var token = new Option<string?>("--token") { Description = $"A bearer token of an analyst, agent or admin (default: the {SurveysApiClient.TokenVariable} environment variable)." };
        var list = new Command("list", "Every survey's latest published version: key, version, pack or admin, languages, question count, name.") { server, token };
        list.SetAction((parse, _) => SurveyListing.ListAsync(new SurveysApiClient(parse.GetValue(server)!, parse.GetValue(token)), output, error));
        surveys.Add(list);

        var key = new Argument<string>("key") { Description = "The survey's key: packId:surveyId for a pack's survey, the code of an admin-made one." };
        var version = new Option<string?>("--version") { Description = "A published version (default: the latest)." };
        var language = new Option<string>("--lang") { Description = "The language to print (zh, en, or any the survey has).", DefaultValueFactory = _ => "en" };
        var preview = new Command("preview", "Print a survey's questions, scales, choices, matrix rows and branching conditions as text.") { key, version, language, server, token };
        preview.SetAction((parse, _) => SurveyListing.PreviewAsync(new SurveysApiClient(parse.GetValue(server)!, parse.GetValue(token)),
            parse.GetValue(key)!, parse.GetValue(version), parse.GetValue(language)!, output, error));
        surveys.Add(preview);
        return surveys;
    }
}
