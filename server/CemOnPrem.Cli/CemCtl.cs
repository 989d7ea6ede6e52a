using System.CommandLine;
using CemOnPrem.Cli.Audit;
using CemOnPrem.Cli.Identity;
using CemOnPrem.Cli.Packs;

namespace CemOnPrem.Cli;

/// <summary>The <c>cemctl</c> command tree. Exit codes: 0 success, 1 failure (message on standard error, no stack trace).</summary>
public static class CemCtl
{
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("cemctl: operate CemOnPrem and author industry packs.");
        root.Add(PackCommands.Build(output, error));
        root.Add(PacksCommands.Build(output, error));
        root.Add(AuditCommands.Build(output, error));
        root.Add(Keys.KeyCommands.Build(output, error));
        root.Add(Customers.CustomerCommands.Build(output, error));
        root.Add(Cases.CaseCommands.Build(output, error));
        root.Add(Surveys.SurveyCommands.Build(output, error));
        foreach (var command in IdentityCommands.Build(output, error))
        {
            root.Add(command);
        }

        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return Build(output, error).Parse(args).InvokeAsync(configuration);
    }
}
