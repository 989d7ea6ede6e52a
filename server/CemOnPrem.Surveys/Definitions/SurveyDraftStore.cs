using CemOnPrem.Sdk.Surveys;
using CemOnPrem.Storage.Databases;
using Dapper;
using Npgsql;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>
/// Admin-made surveys' drafts (<c>survey_drafts</c>, C0080) and their publishing into <c>survey_versions</c>. Each
/// write locks the survey's row, so two admins take turns: a write names the revision it read and is refused when the
/// draft has moved on; publishing numbers versions 1, 2, … without gaps.
/// </summary>
public sealed class SurveyDraftStore(ControlDatabase control, TimeProvider time)
{
    public async Task<SurveyDraft?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(string? Definition, int Revision, DateTime UpdatedAt, string UpdatedBy)>(new CommandDefinition(
            "select definition::text, revision, updated_at, updated_by from survey_drafts where survey_key = @key and definition is not null", new { key },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.Definition is null ? null
            : new SurveyDraft(key, SurveyJson.Deserialize(row.Definition), row.Revision, new DateTimeOffset(DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Utc)), row.UpdatedBy);
    }

    /// <summary>The keys of the admin-made surveys that have a draft.</summary>
    public async Task<IReadOnlySet<string>> KeysWithDraftAsync(CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var keys = await connection.QueryAsync<string>(new CommandDefinition(
            "select survey_key from survey_drafts where definition is not null", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Starts a draft: of a new survey, or of the next version of a published one that has no draft.</summary>
    public async Task<DraftOutcome> CreateAsync(SurveyTemplate survey, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(survey);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var revision = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            """
            insert into survey_drafts as d (survey_key, definition, revision, created_at, created_by, updated_at, updated_by)
            values (@Id, @definition::jsonb, 1, @now, @actor, @now, @actor)
            on conflict (survey_key) do update set definition = excluded.definition, revision = d.revision + 1,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
                where d.definition is null
            returning revision
            """, new { survey.Id, definition = SurveyJson.Serialize(survey), now = time.GetUtcNow(), actor }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return revision is { } r ? new DraftOutcome(DraftStatus.Written, r) : new DraftOutcome(DraftStatus.Exists, 0);
    }

    public async Task<DraftOutcome> ReplaceAsync(string key, SurveyTemplate survey, int expectedRevision, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (await LockAsync(connection, transaction, key, expectedRevision, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var revision = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            update survey_drafts set definition = @definition::jsonb, revision = revision + 1, updated_at = @now, updated_by = @actor
            where survey_key = @key returning revision
            """, new { key, definition = SurveyJson.Serialize(survey), now = time.GetUtcNow(), actor }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DraftOutcome(DraftStatus.Written, revision);
    }

    /// <summary>Drops the draft; a survey never published disappears with it.</summary>
    public async Task<DraftOutcome> DeleteAsync(string key, int expectedRevision, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (await LockAsync(connection, transaction, key, expectedRevision, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var revision = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            """
            with published as (select 1 from survey_versions where survey_key = @key limit 1),
                 gone as (delete from survey_drafts where survey_key = @key and not exists (select 1 from published) returning 0)
            update survey_drafts set definition = null, revision = revision + 1, updated_at = @now, updated_by = @actor
            where survey_key = @key and exists (select 1 from published) returning revision
            """, new { key, now = time.GetUtcNow(), actor }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DraftOutcome(DraftStatus.Written, revision ?? 0);
    }

    /// <summary>
    /// Publishes the draft as the next version (1, 2, …) when <paramref name="check"/> finds no problem; the draft is
    /// gone afterwards (the next edit starts a new one from the published version).
    /// </summary>
    public async Task<DraftOutcome> PublishAsync(string key, int? expectedRevision, Func<SurveyTemplate, IReadOnlyDictionary<string, string[]>> check, string actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (await LockAsync(connection, transaction, key, expectedRevision, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var (definition, revision) = await connection.QuerySingleAsync<(string Definition, int Revision)>(new CommandDefinition(
            "select definition::text, revision from survey_drafts where survey_key = @key", new { key }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var survey = SurveyJson.Deserialize(definition);
        var problems = check(survey);
        if (problems.Count > 0)
        {
            return new DraftOutcome(DraftStatus.Invalid, revision, Problems: problems);
        }

        var now = time.GetUtcNow();
        var version = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            """
            insert into survey_versions (survey_key, version, definition, published_at, published_by)
            select @key, (count(*) + 1)::text, @definition::jsonb, @now, @actor from survey_versions where survey_key = @key
            returning version
            """, new { key, definition, now, actor }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        revision = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "update survey_drafts set definition = null, revision = revision + 1, updated_at = @now, updated_by = @actor where survey_key = @key returning revision",
            new { key, now, actor }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DraftOutcome(DraftStatus.Written, revision, new PublishedSurvey(key, version!, null, survey, now));
    }

    /// <returns>Null when the draft exists at the expected revision (or any, when none is expected), now locked; else the refusal.</returns>
    private static async Task<DraftOutcome?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, int? expectedRevision,
        CancellationToken cancellationToken)
    {
        var current = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "select revision from survey_drafts where survey_key = @key and definition is not null for update", new { key }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return current switch
        {
            null => new DraftOutcome(DraftStatus.NotFound, 0),
            { } r when expectedRevision is { } e && e != r => new DraftOutcome(DraftStatus.Stale, r),
            _ => null,
        };
    }
}
