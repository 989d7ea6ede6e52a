using System.CommandLine;

namespace CemOnPrem.Cli.Packs;

/// <summary><c>cemctl pack keygen | sign | verify | check</c>.</summary>
internal static class PackCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var pack = new Command("pack", "Create signing keys, sign pack folders, verify them, check them against the pack rules.");
        pack.Add(Keygen(output, error));
        pack.Add(Sign(output, error));
        pack.Add(Verify(output, error));
        pack.Add(Check(output, error));
        return pack;
    }

    private static Command Keygen(TextWriter output, TextWriter error)
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder to write {publisher.}private.pem (mode 600) and {publisher.}public.pem into; created if missing.", Required = true };
        var publisher = new Option<string?>("--publisher") { Description = "Publisher name the key is for: names the key files and the configuration hint." };
        var command = new Command("keygen", "Create an ECDSA P-256 publisher key pair and print its key id.") { outDir, publisher };
        command.SetAction(parse => PackKeygen.Run(parse.GetValue(outDir)!.FullName, parse.GetValue(publisher), output, error));
        return command;
    }

    private static Command Sign(TextWriter output, TextWriter error)
    {
        var folder = new Argument<DirectoryInfo>("dir") { Description = "The pack folder (holding pack.json)." };
        var key = new Option<FileInfo>("--key") { Description = "The publisher's private key PEM.", Required = true };
        var publisher = new Option<string?>("--publisher") { Description = "Publisher name; must match pack.json (default: the publisher pack.json names)." };
        var command = new Command("sign", "Hash every file of a pack folder into .cem-pack/files.sha256 and sign it (.cem-pack/signature).") { folder, key, publisher };
        command.SetAction(parse => PackSign.Run(parse.GetValue(folder)!.FullName, parse.GetValue(key)!.FullName, parse.GetValue(publisher), output, error));
        return command;
    }

    private static Command Verify(TextWriter output, TextWriter error)
    {
        var folder = new Argument<DirectoryInfo>("dir") { Description = "The pack folder." };
        var key = new Option<FileInfo>("--public-key") { Description = "The publisher's public key PEM to trust.", Required = true };
        var publisher = new Option<string?>("--publisher") { Description = "Publisher the key belongs to (default: the publisher pack.json names)." };
        var command = new Command("verify", "Check a pack folder's signature and every file's hash, as the server does. Exit code 0 when valid, 1 otherwise.") { folder, key, publisher };
        command.SetAction(parse => PackVerify.Run(parse.GetValue(folder)!.FullName, parse.GetValue(key)!.FullName, parse.GetValue(publisher), output, error));
        return command;
    }

    private static Command Check(TextWriter output, TextWriter error)
    {
        var folder = new Argument<DirectoryInfo>("dir") { Description = "The pack folder (holding pack.json): the project folder or its build output." };
        var command = new Command("check", "Check a pack folder against the pack rules the server applies when it loads a pack; print every problem (load or publish level) with the file at fault. Exit code 1 when a load rule is broken.") { folder };
        command.SetAction(parse => PackCheck.Run(parse.GetValue(folder)!.FullName, output, error));
        return command;
    }
}
