using System.CommandLine;

namespace CemOnPrem.Cli.Audit;

/// <summary><c>cemctl audit verify</c>.</summary>
internal static class AuditCommands
{
    public const string ConnectionVariable = "CEM__CONTROLDATABASE__CONNECTIONSTRING";

    public static Command Build(TextWriter output, TextWriter error)
    {
        var audit = new Command("audit", "Check the audit trail.");
        audit.Add(Verify(output, error));
        return audit;
    }

    private static Command Verify(TextWriter output, TextWriter error)
    {
        var connection = new Option<string?>("--connection")
        {
            Description = $"Control database connection string (default: the {ConnectionVariable} environment variable, which keeps the password out of the process list).",
        };
        var key = new Option<FileInfo>("--public-key") { Description = "The checkpoint signing key's public PEM (the server writes {DataDirectory}/audit-keys/checkpoint.public.pem for its development key).", Required = true };
        var checkpoints = new Option<FileInfo?>("--checkpoints") { Description = "A checkpoint export (GET /api/v1/audit/checkpoints) kept off site: the chain must reach each of them too." };
        var command = new Command("verify", "Walk the audit chain and its signed checkpoints. Prints 'intact up to N' (exit 0) or the first broken sequence and why (exit 1).")
        {
            connection, key, checkpoints,
        };
        command.SetAction((parse, cancellationToken) => AuditVerify.RunAsync(
            parse.GetValue(connection) ?? Environment.GetEnvironmentVariable(ConnectionVariable), parse.GetValue(key)!.FullName,
            parse.GetValue(checkpoints)?.FullName, output, error, cancellationToken));
        return command;
    }
}
