using System.Globalization;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Records;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Encryption;
using Npgsql;

namespace CemOnPrem.Cli.Keys;

/// <summary>Runs a KEK rotation or prints key status against the region database and the key folder.</summary>
internal static class KeyRotate
{
    public static async Task<int> RunAsync(KeyCommandOptions.Settings settings, int batchSize, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var (regionDb, controlDb) = Require(settings, control: true);
            if (batchSize < 1)
            {
                throw new CliException("--batch-size: must be at least 1.");
            }

            await using var regions = new RegionDatabases(new Dictionary<string, string> { [settings.Region] = regionDb });
            await using var control = new ControlDatabase(controlDb!);
            var rotation = new KeyRotation(regions, new FileKeyEncryptionKeyProvider(settings.KeyDirectory));
            var audit = new AuditChainStore(control);
            // Fail closed: no rotation unless the audit trail takes the record first.
            await RecordAsync(audit, settings.Region, AuditOutcome.Allowed, "started", cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await rotation.RotateAsync(settings.Region, batchSize,
                    (done, total) => output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"re-wrapped {done}/{total} data keys")),
                    cancellationToken).ConfigureAwait(false);
                var summary = string.Create(CultureInfo.InvariantCulture,
                    $"KEK v{result.PreviousVersion} -> v{result.NewVersion}; re-wrapped {result.Rewrapped}; left on older versions {result.RemainingOnOlderVersions}");
                await RecordAsync(audit, settings.Region, AuditOutcome.Allowed, summary, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"region {settings.Region}: {summary}").ConfigureAwait(false);
                if (result.RemainingOnOlderVersions > 0)
                {
                    // Keys a node wrapped with the old version before it noticed the new one: run again to finish.
                    await output.WriteLineAsync("some data keys were created on an older version during the run; run 'cemctl keys rotate' again or check 'cemctl keys status'.").ConfigureAwait(false);
                }

                return 0;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Security.Cryptography.CryptographicException)
            {
                await RecordAsync(audit, settings.Region, AuditOutcome.Failed, ex.GetType().Name, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
        catch (Exception ex) when (ex is CliException or NpgsqlException or ArgumentException or IOException or UnauthorizedAccessException
                                       or System.Security.Cryptography.CryptographicException)
        {
            await error.WriteLineAsync($"cemctl: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    public static async Task<int> StatusAsync(KeyCommandOptions.Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var (regionDb, _) = Require(settings, control: false);
            await using var regions = new RegionDatabases(new Dictionary<string, string> { [settings.Region] = regionDb });
            var status = await new KeyRotation(regions, new FileKeyEncryptionKeyProvider(settings.KeyDirectory))
                .StatusAsync(settings.Region, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"region {status.Region}: current KEK v{status.CurrentVersion}; versions {string.Join(", ", status.KekVersions.Select(v => "v" + v))}")).ConfigureAwait(false);
            foreach (var (version, count) in status.KeysByKekVersion.OrderBy(pair => pair.Key))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  v{version}: {count} data keys")).ConfigureAwait(false);
            }

            return 0;
        }
        catch (Exception ex) when (ex is CliException or NpgsqlException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"cemctl: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static (string RegionDb, string? ControlDb) Require(KeyCommandOptions.Settings settings, bool control)
    {
        if (string.IsNullOrWhiteSpace(settings.RegionDb))
        {
            throw new CliException($"--region-db: give region '{settings.Region}''s connection string, or set CEM__REGIONS__{settings.Region}__CONNECTIONSTRING.");
        }

        if (control && string.IsNullOrWhiteSpace(settings.ControlDb))
        {
            throw new CliException("--control-db: give the control database's connection string (the rotation is audited), or set CEM__CONTROLDATABASE__CONNECTIONSTRING.");
        }

        return (settings.RegionDb, settings.ControlDb);
    }

    private static async Task RecordAsync(AuditChainStore audit, string region, AuditOutcome outcome, string detail, CancellationToken cancellationToken) =>
        await audit.AppendAsync(
        [
            new AuditDraft(DateTimeOffset.UtcNow, new AuditActor("cli:" + Environment.UserName, []), AuditActions.KeyRotate,
                "keys/" + region, null, region, null, outcome, null, detail),
        ], cancellationToken).ConfigureAwait(false);
}
