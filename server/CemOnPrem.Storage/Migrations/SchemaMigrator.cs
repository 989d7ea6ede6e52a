using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using Microsoft.Extensions.Logging;

namespace CemOnPrem.Storage.Migrations;

/// <summary>
/// Applies the embedded SQL scripts (<c>Migrations/{Control|Region}/*.sql</c>, in name order) with
/// DbUp. Each script runs in its own transaction and is journaled in <c>schema_versions</c>, so a
/// script runs once per database and a failed one leaves no half-applied change.
/// </summary>
public static class SchemaMigrator
{
    public static async Task MigrateAsync(string connectionString, SchemaKind kind, ILogger logger, CancellationToken cancellationToken)
    {
        var engine = Build(connectionString, kind, logger);
        // DbUp is synchronous; keep it off the caller's thread.
        var result = await Task.Run(engine.PerformUpgrade, cancellationToken).ConfigureAwait(false);
        if (!result.Successful)
        {
            throw new SchemaMigrationException(
                $"Migrating the {kind.ToString().ToLowerInvariant()} database failed at script '{result.ErrorScript?.Name}': {result.Error?.Message}",
                result.Error);
        }
    }

    /// <returns>The names of scripts not yet applied to the database.</returns>
    public static Task<IReadOnlyList<string>> PendingScriptsAsync(string connectionString, SchemaKind kind, ILogger logger, CancellationToken cancellationToken)
    {
        var engine = Build(connectionString, kind, logger);
        return Task.Run<IReadOnlyList<string>>(() => [.. engine.GetScriptsToExecute().Select(script => script.Name)], cancellationToken);
    }

    /// <returns>The names of all embedded scripts of a schema, in the order they apply.</returns>
    public static IReadOnlyList<string> EmbeddedScripts(SchemaKind kind) =>
        [.. typeof(SchemaMigrator).Assembly.GetManifestResourceNames().Where(IsScriptOf(kind)).Order(StringComparer.Ordinal)];

    private static UpgradeEngine Build(string connectionString, SchemaKind kind, ILogger logger) =>
        DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SchemaMigrator).Assembly, name => IsScriptOf(kind)(name))
            .JournalToPostgresqlTable("public", "schema_versions")
            .WithTransactionPerScript()
            .LogTo(new DbUpLogAdapter(logger))
            .Build();

    private static Func<string, bool> IsScriptOf(SchemaKind kind) =>
        name => name.Contains($".Migrations.{kind}.", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal);
}
