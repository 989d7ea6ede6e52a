using System.Globalization;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Records;
using CemOnPrem.Cli.Identity;
using CemOnPrem.Cli.Keys;
using CemOnPrem.Storage.Customers;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Encryption;
using Npgsql;

namespace CemOnPrem.Cli.Customers;

/// <summary>Runs <see cref="UnusableIdentityFinder"/> against a region database with the server's key folder.</summary>
internal static class IdentityCheckRun
{
    /// <summary>Exit code when customers to review were found (0 when none, 1 on failure).</summary>
    public const int Found = 2;

    public static async Task<int> RunAsync(KeyCommandOptions.Settings settings, int pageSize, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(settings.RegionDb))
            {
                throw new CliException($"--region-db: give region '{settings.Region}''s connection string, or set CEM__REGIONS__{settings.Region}__CONNECTIONSTRING.");
            }

            if (string.IsNullOrWhiteSpace(settings.ControlDb))
            {
                throw new CliException("--control-db: give the control database's connection string (the check decrypts every identity of the region and is audited), or set CEM__CONTROLDATABASE__CONNECTIONSTRING.");
            }

            if (pageSize < 1)
            {
                throw new CliException("--page-size: must be at least 1.");
            }

            await using var control = new ControlDatabase(settings.ControlDb);
            var audit = new AuditChainStore(control);
            // Fail closed: every identity of the region is decrypted, so nothing is read unless the trail takes the record first.
            await RecordAsync(audit, settings.Region, AuditOutcome.Allowed, "started", cancellationToken).ConfigureAwait(false);
            await using var regions = new RegionDatabases(new Dictionary<string, string> { [settings.Region] = settings.RegionDb });
            var protection = new FieldProtection(regions, new FileKeyEncryptionKeyProvider(settings.KeyDirectory), new PersonalDataOptions());
            var suspects = await new UnusableIdentityFinder(regions, protection).FindAsync(settings.Region, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var suspect in suspects)
            {
                await output.WriteLineAsync(Line(suspect)).ConfigureAwait(false);
            }

            var unusable = suspects.Count(s => s.UnusableTypes.Count > 0);
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"{unusable} customers hold unusable identities, {suspects.Count - unusable} more only identities in an older normal form");
            await RecordAsync(audit, settings.Region, AuditOutcome.Allowed, summary, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"region {settings.Region}: {summary}.").ConfigureAwait(false);
            return suspects.Count == 0 ? 0 : Found;
        }
        catch (Exception ex) when (ex is CliException or NpgsqlException or ArgumentException or IOException or UnauthorizedAccessException
                                       or DataKeyUnavailableException or System.Security.Cryptography.CryptographicException)
        {
            await error.WriteLineAsync($"cemctl: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task RecordAsync(AuditChainStore audit, string region, AuditOutcome outcome, string detail, CancellationToken cancellationToken) =>
        await audit.AppendAsync(
        [
            new AuditDraft(DateTimeOffset.UtcNow, OperatorAuditTrail.Operator, AuditActions.CustomerIdentityCheck,
                "customers/" + region, null, region, null, outcome, null, detail),
        ], cancellationToken).ConfigureAwait(false);

    // Ids and types only: this output ends up in tickets and terminals.
    private static string Line(SuspectCustomer suspect) => string.Create(CultureInfo.InvariantCulture,
        $"{suspect.CustomerId}\tunusable: {Types(suspect.UnusableTypes)}\tolder form: {Types(suspect.NotNormalisedTypes)}\tidentities: {suspect.Identities}\tmerged in: {suspect.MergedIn}");

    private static string Types(SortedSet<string> types) => types.Count == 0 ? "-" : string.Join(",", types);
}
