using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>
/// Published survey versions in the control database (<c>survey_versions</c>, C0080): admin-made versions and the
/// pack survey versions the catalog has served. Rows are only ever inserted, never changed.
/// </summary>
public sealed class SurveyVersionStore(ControlDatabase control, TimeProvider time)
{
    private const string Columns = "survey_key as Key, version as Version, pack_id as PackId, definition::text as Definition, published_at as PublishedAt";

    public async Task<PublishedSurvey?> FindAsync(string key, string version, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(
            $"select {Columns} from survey_versions where survey_key = @key and version = @version", new { key, version },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToPublished();
    }

    /// <summary>The latest version of an admin-made survey (pack surveys' latest is their active pack's).</summary>
    public async Task<PublishedSurvey?> LatestAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QueryFirstOrDefaultAsync<VersionRow>(new CommandDefinition(
            $"select {Columns} from survey_versions where survey_key = @key and pack_id is null order by seq desc limit 1", new { key },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToPublished();
    }

    /// <summary>The latest version of every admin-made survey, by key.</summary>
    public async Task<IReadOnlyList<PublishedSurvey>> LatestOfEveryAdminSurveyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition(
            $"select distinct on (survey_key) {Columns} from survey_versions where pack_id is null order by survey_key, seq desc",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(row => row.ToPublished())];
    }

    /// <summary>Every stored version of a survey, oldest first, without their questions.</summary>
    public async Task<IReadOnlyList<SurveyVersionInfo>> VersionsAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Version, DateTime PublishedAt, string PublishedBy)>(new CommandDefinition(
            "select version, published_at, published_by from survey_versions where survey_key = @key order by seq", new { key },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new SurveyVersionInfo(r.Version, new DateTimeOffset(DateTime.SpecifyKind(r.PublishedAt, DateTimeKind.Utc)), r.PublishedBy))];
    }

    /// <summary>Records a pack survey version as served (once; a second node recording it too changes nothing).</summary>
    public async Task RecordPackVersionAsync(PublishedSurvey survey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(survey);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into survey_versions (survey_key, version, pack_id, definition, published_at, published_by)
            values (@Key, @Version, @PackId, @definition::jsonb, @now, 'pack:' || @PackId)
            on conflict (survey_key, version) do nothing
            """, new { survey.Key, survey.Version, survey.PackId, definition = SurveyJson.Serialize(survey.Template), now = time.GetUtcNow() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed record VersionRow(string Key, string Version, string? PackId, string Definition, DateTime PublishedAt)
    {
        public PublishedSurvey ToPublished() => new(Key, Version, PackId, SurveyJson.Deserialize(Definition),
            PackId is null ? new DateTimeOffset(DateTime.SpecifyKind(PublishedAt, DateTimeKind.Utc)) : null);
    }
}
