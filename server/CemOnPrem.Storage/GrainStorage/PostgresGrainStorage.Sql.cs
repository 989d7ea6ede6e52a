namespace CemOnPrem.Storage.GrainStorage;

public sealed partial class PostgresGrainStorage
{
    private const string SelectSql =
        "select state::text as State, version as Version from grain_state where grain_type = @GrainType and grain_key = @GrainKey";

    private const string VersionSql =
        "select version from grain_state where grain_type = @GrainType and grain_key = @GrainKey";

    // DO NOTHING (not an upsert): a writer without an ETag believes no record exists, so an existing one is a conflict.
    private const string InsertSql =
        """
        insert into grain_state (grain_type, grain_key, state, version)
        values (@GrainType, @GrainKey, @State::jsonb, 1)
        on conflict (grain_type, grain_key) do nothing
        returning version
        """;

    private const string UpdateSql =
        """
        update grain_state set state = @State::jsonb, version = version + 1, updated_at = now()
        where grain_type = @GrainType and grain_key = @GrainKey and version = @Expected
        returning version
        """;

    private const string DeleteSql =
        "delete from grain_state where grain_type = @GrainType and grain_key = @GrainKey and version = @Expected";
}
