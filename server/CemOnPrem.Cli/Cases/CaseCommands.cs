using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace CemOnPrem.Cli.Cases;

/// <summary>
/// <c>cemctl cases list [--region R] [--state S] [--limit N]</c> and <c>cemctl cases show REGION CASEID</c>: read the
/// region databases directly (as the server's other operator commands do) and print no personal data — no customer id,
/// no notes or other text, only whether a case has a customer.
/// </summary>
internal static class CaseCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var cases = new Command("cases", "List and show cases (no personal data is printed).");
        cases.Add(List(output, error));
        cases.Add(Show(output, error));
        return cases;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var region = new Option<string?>("--region") { Description = "Only this region (default: every region in CEM__REGIONS__*__CONNECTIONSTRING)." };
        var regionDb = new Option<string?>("--region-db") { Description = "The region database's connection string (with --region; default: CEM__REGIONS__{region}__CONNECTIONSTRING)." };
        var state = new Option<string?>("--state") { Description = "Only cases in this state (new, assigned, in-progress, awaiting-customer, resolved, closed)." };
        var limit = new Option<int>("--limit") { Description = "Most cases per region, newest first (1-1000).", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "Cases newest first: region, id, state, priority, type, queue unit, assignee, opened, SLA due, overdue.");
        command.Add(region);
        command.Add(regionDb);
        command.Add(state);
        command.Add(limit);
        command.SetAction((parse, cancellationToken) => CaseListing.ListAsync(
            Databases(parse.GetValue(region), parse.GetValue(regionDb)), parse.GetValue(state), parse.GetValue(limit), output, error, cancellationToken));
        return command;
    }

    private static Command Show(TextWriter output, TextWriter error)
    {
        var region = new Argument<string>("region") { Description = "The case's region." };
        var caseId = new Argument<string>("caseId") { Description = "The case id (case-…)." };
        var regionDb = new Option<string?>("--region-db") { Description = "The region database's connection string (default: CEM__REGIONS__{region}__CONNECTIONSTRING)." };
        var command = new Command("show", "One case: fields, clocks and history (actions and non-personal details only).");
        command.Add(region);
        command.Add(caseId);
        command.Add(regionDb);
        command.SetAction((parse, cancellationToken) =>
        {
            var r = parse.GetValue(region)!;
            return CaseListing.ShowAsync(Databases(r, parse.GetValue(regionDb)), r, parse.GetValue(caseId)!, output, error, cancellationToken);
        });
        return command;
    }

    /// <summary>Region → connection string: the option, else the server's own settings from the environment.</summary>
    private static Dictionary<string, string?> Databases(string? region, string? regionDb)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        if (region is not null)
        {
            return new Dictionary<string, string?>(StringComparer.Ordinal) { [region] = regionDb ?? configuration[$"Cem:Regions:{region}:ConnectionString"] };
        }

        return configuration.GetSection("Cem:Regions").GetChildren()
            .ToDictionary(section => section.Key, section => section["ConnectionString"], StringComparer.Ordinal);
    }
}
