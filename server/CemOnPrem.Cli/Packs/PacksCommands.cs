using System.CommandLine;

namespace CemOnPrem.Cli.Packs;

/// <summary><c>cemctl packs list</c>: what a running server loaded (pack authors' and operators' view).</summary>
internal static class PacksCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var packs = new Command("packs", "The packs a running server found: status and signature state.");
        var server = new Option<Uri>("--server") { Description = "The server's base URL.", DefaultValueFactory = _ => new Uri("http://127.0.0.1:5080") };
        var token = new Option<string?>("--token") { Description = $"An administrator's bearer token (default: the {PacksList.TokenVariable} environment variable)." };
        var list = new Command("list", "List every pack in the server's packs directory: id, version, status (and why), signature state, publisher, journeys and metrics. Exit code 1 when the server cannot be asked.") { server, token };
        list.SetAction((parse, _) => PacksList.RunAsync(parse.GetValue(server)!, parse.GetValue(token), output, error));
        packs.Add(list);
        return packs;
    }
}
