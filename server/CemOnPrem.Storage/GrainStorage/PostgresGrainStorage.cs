using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace CemOnPrem.Storage.GrainStorage;

/// <summary>
/// Orleans grain storage on PostgreSQL: one <c>grain_state</c> row per grain and state name, the state as jsonb
/// (System.Text.Json, web defaults, so support can read it with SQL) and the row's integer version as ETag for
/// optimistic concurrency.
/// </summary>
/// <remarks>
/// <c>grain_key</c> is the grain key unchanged, so a region database's CHECK on the key's region applies and rows can
/// be found by key. <c>grain_type</c> is <c>{grain type}/{state name}</c>: a grain may declare several persistent
/// states on one provider, and keyed by grain alone they would share one row and overwrite each other. A state name
/// may not contain '/', so the last '/' always splits the pair and no two (type, state name) pairs share a value.
/// </remarks>
public sealed partial class PostgresGrainStorage(string name, IGrainStateDatabase databases) : IGrainStorage
{
    private const char StateNameSeparator = '/';
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var row = RowOf(stateName, grainId);
        await using var connection = await databases.DataSourceFor(grainId).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var stored = await connection.QuerySingleOrDefaultAsync<StoredState>(
            new CommandDefinition(SelectSql, row, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (stored is null)
        {
            // State stays as the caller created it: a grain without a record starts from its default state.
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = Deserialize<T>(stored.State, stateName, grainId);
        grainState.ETag = FormatEtag(stored.Version);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var row = RowOf(stateName, grainId);
        if (grainState.State is null)
        {
            // A stored JSON null could not be activated again; refuse it where the mistake is made.
            throw new ArgumentException($"Grain storage '{name}': state '{stateName}' of grain {grainId} is null.", nameof(grainState));
        }

        var state = JsonSerializer.Serialize(grainState.State, SerializerOptions);
        await using var connection = await databases.DataSourceFor(grainId).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var written = grainState.ETag is null
            ? await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
                InsertSql, new { row.GrainType, row.GrainKey, State = state }, cancellationToken: cancellationToken)).ConfigureAwait(false)
            : TryParseEtag(grainState.ETag) is { } expected
                ? await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
                    UpdateSql, new { row.GrainType, row.GrainKey, State = state, Expected = expected }, cancellationToken: cancellationToken)).ConfigureAwait(false)
                : null;
        if (written is not { } version)
        {
            throw await ConflictAsync(connection, row, stateName, grainId, grainState.ETag, cancellationToken).ConfigureAwait(false);
        }

        grainState.ETag = FormatEtag(version);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var row = RowOf(stateName, grainId);
        await using var connection = await databases.DataSourceFor(grainId).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // A null ETag means "no record as far as I know": fine if that is still true, a conflict if someone wrote one.
        var cleared = grainState.ETag is null
            ? await StoredVersionAsync(connection, row, cancellationToken).ConfigureAwait(false) is null
            : TryParseEtag(grainState.ETag) is { } expected
                && await connection.ExecuteAsync(new CommandDefinition(
                    DeleteSql, new { row.GrainType, row.GrainKey, Expected = expected }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
        if (!cleared)
        {
            throw await ConflictAsync(connection, row, stateName, grainId, grainState.ETag, cancellationToken).ConfigureAwait(false);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static RowKey RowOf(string stateName, GrainId grainId)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        if (stateName.Contains(StateNameSeparator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"State name '{stateName}' must not contain '{StateNameSeparator}'.", nameof(stateName));
        }

        return new RowKey(string.Concat(grainId.Type.ToString(), StateNameSeparator.ToString(), stateName), grainId.Key.ToString());
    }

    private static T Deserialize<T>(string json, string stateName, GrainId grainId)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, SerializerOptions) is { } state
                ? state
                : throw new JsonException("The stored state is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException(
                $"Stored state '{stateName}' of grain {grainId} cannot be read as {typeof(T).FullName}: {ex.Message}", ex);
        }
    }

    private static string FormatEtag(int version) => version.ToString(CultureInfo.InvariantCulture);

    private static int? TryParseEtag(string etag) =>
        int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    private async Task<InconsistentStateException> ConflictAsync(
        NpgsqlConnection connection, RowKey row, string stateName, GrainId grainId, string? currentEtag, CancellationToken cancellationToken)
    {
        var stored = await StoredVersionAsync(connection, row, cancellationToken).ConfigureAwait(false);
        var storedEtag = stored is { } version ? FormatEtag(version) : null;
        var cause = currentEtag is not null && TryParseEtag(currentEtag) is null
            ? "has an ETag this storage did not issue"
            : "was changed by another writer";
        return new InconsistentStateException(
            $"Grain storage '{name}': state '{stateName}' of grain {grainId} {cause} " +
            $"(stored ETag {Show(storedEtag)}, this activation's ETag {Show(currentEtag)}).",
            storedEtag,
            currentEtag);
    }

    private static string Show(string? etag) => etag is null ? "none" : $"'{etag}'";

    private static Task<int?> StoredVersionAsync(NpgsqlConnection connection, RowKey row, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(VersionSql, row, cancellationToken: cancellationToken));

    private readonly record struct RowKey(string GrainType, string GrainKey);

    private sealed class StoredState
    {
        public string State { get; init; } = "";
        public int Version { get; init; }
    }
}
