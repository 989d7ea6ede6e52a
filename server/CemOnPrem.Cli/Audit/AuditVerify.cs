using System.Security.Cryptography;
using System.Text.Json;
using CemOnPrem.Audit.Checkpoints;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Verification;
using Npgsql;

namespace CemOnPrem.Cli.Audit;

/// <summary><c>cemctl audit verify --public-key PEM [--connection CS] [--checkpoints EXPORT.json]</c>: the server's verification, offline.</summary>
internal static class AuditVerify
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string? connectionString, string keyFile, string? checkpointsFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new CliException($"--connection: give the control database's connection string, or set {AuditCommands.ConnectionVariable}.");
            }

            using var key = CliErrors.WithKeyFile("--public-key", keyFile, ImportPublicKey);
            var extra = checkpointsFile is null ? null : await ReadExportAsync(checkpointsFile, cancellationToken).ConfigureAwait(false);
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var result = await AuditChainVerifier.VerifyAsync(dataSource, key, extra,
                verified => error.WriteLineAsync($"verified {verified} records…"), cancellationToken).ConfigureAwait(false);
            (result.Intact ? output : error).WriteLine(result.Summary);
            return result.Intact ? 0 : 1;
        }
        catch (Exception ex) when (ex is CliException or NpgsqlException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            // ArgumentException: a malformed connection string; the message names the bad keyword, never the password.
            await error.WriteLineAsync($"cemctl: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static ECDsa ImportPublicKey(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (ArgumentException)
        {
            key.Dispose();
            throw new CemOnPrem.Packs.Hosting.Signing.PackKeyException("not an ECDSA public key in PEM form.");
        }
    }

    private static async Task<IReadOnlyList<AuditCheckpoint>> ReadExportAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"--checkpoints: {path}: no such file.");
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var export = await JsonSerializer.DeserializeAsync<CheckpointExport>(stream, Json, cancellationToken).ConfigureAwait(false);
            return [.. (export?.Checkpoints ?? throw new CliException($"--checkpoints: {path} holds no checkpoints.")).Select(document => document.ToCheckpoint())];
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new CliException($"--checkpoints: {path} is not a checkpoint export ({ex.Message}).");
        }
    }
}
