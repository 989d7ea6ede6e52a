using System.CommandLine;
using CemOnPrem.Cli.Keys;

namespace CemOnPrem.Cli.Customers;

/// <summary><c>cemctl customers check-identities --region R</c>.</summary>
internal static class CustomerCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var customers = new Command("customers", "Customer data checks.");
        customers.Add(CheckIdentities(output, error));
        return customers;
    }

    private static Command CheckIdentities(TextWriter output, TextWriter error)
    {
        var options = new KeyCommandOptions();
        var pageSize = new Option<int>("--page-size") { Description = "Identities decrypted per page.", DefaultValueFactory = _ => 1000 };
        var command = new Command("check-identities",
            "List customers holding identities that fail today's identity rules (values that identify no one, which may have " +
            "stitched strangers together, or values stored in an older normal form). Prints customer ids and identity types, " +
            "never values. Reads only. Exit code 0: none found; 2: customers to review; 1: failure.");
        options.AddTo(command);
        command.Add(pageSize);
        command.SetAction((parse, cancellationToken) =>
            IdentityCheckRun.RunAsync(options.Read(parse), parse.GetValue(pageSize), output, error, cancellationToken));
        return command;
    }
}
