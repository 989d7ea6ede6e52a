using System.CommandLine;

namespace CemOnPrem.Cli.Keys;

/// <summary><c>cemctl keys rotate --region R</c> and <c>cemctl keys status --region R</c>.</summary>
internal static class KeyCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var keys = new Command("keys", "Key-encryption keys (KEK) of the field-level encryption.");
        keys.Add(Rotate(output, error));
        keys.Add(Status(output, error));
        return keys;
    }

    private static Command Rotate(TextWriter output, TextWriter error)
    {
        var options = new KeyCommandOptions();
        var batch = new Option<int>("--batch-size") { Description = "Data keys re-wrapped per transaction.", DefaultValueFactory = _ => 500 };
        var command = new Command("rotate",
            "Create a new KEK version for the region and re-wrap every data key with it, in batches, while the server runs. " +
            "Old data stays readable throughout (each wrapped key records its KEK version). Audited as key.rotate.");
        options.AddTo(command);
        command.Add(batch);
        command.SetAction((parse, cancellationToken) =>
            KeyRotate.RunAsync(options.Read(parse), parse.GetValue(batch), output, error, cancellationToken));
        return command;
    }

    private static Command Status(TextWriter output, TextWriter error)
    {
        var options = new KeyCommandOptions();
        var command = new Command("status", "The region's KEK versions and how many data keys each one wraps.");
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => KeyRotate.StatusAsync(options.Read(parse), output, error, cancellationToken));
        return command;
    }
}
