using CemOnPrem.Storage.Databases;
using Dapper;
using Npgsql;

namespace CemOnPrem.Cases.Calendars;

/// <summary>Working calendars in the control database (tables <c>working_calendars</c>, <c>working_calendar_days</c>; C0070).</summary>
public sealed class CalendarStore(ControlDatabase control, TimeProvider time)
{
    /// <returns>The stored calendar, or null when the region has none.</returns>
    public async Task<WorkingCalendar?> FindAsync(string region, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<CalendarRow>(new CommandDefinition(
            $"select {CalendarRow.Columns} from working_calendars where region = @region", new { region }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var days = await connection.QueryAsync<(DateTime Day, string Kind, string Name)>(new CommandDefinition(
            "select day, kind, name from working_calendar_days where region = @region order by day", new { region }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.ToCalendar(days.Select(d => new CalendarDay(DateOnly.FromDateTime(d.Day), d.Kind, d.Name)));
    }

    /// <summary>The regions with a stored calendar, without their days.</summary>
    public async Task<IReadOnlyList<WorkingCalendar>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CalendarRow>(new CommandDefinition(
            $"select {CalendarRow.Columns} from working_calendars order by region", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(row => row.ToCalendar([]))];
    }

    /// <summary>Replaces the region's calendar (settings and all days) and bumps its version.</summary>
    public async Task<WorkingCalendar> ReplaceAsync(string region, CalendarDraft draft, string updatedBy, CancellationToken cancellationToken) =>
        (await WriteAsync(region, draft, null, updatedBy, replaceDays: true, keepSettings: false, cancellationToken).ConfigureAwait(false)).Calendar!;

    /// <summary>As <see cref="ReplaceAsync"/>, only if the calendar is still at <paramref name="expectedVersion"/> (0: none stored yet).</summary>
    public Task<CalendarWrite> ReplaceIfAsync(string region, CalendarDraft draft, int expectedVersion, string updatedBy, CancellationToken cancellationToken) =>
        WriteAsync(region, draft, expectedVersion, updatedBy, replaceDays: true, keepSettings: false, cancellationToken);

    /// <summary>
    /// Adds the days to the region's calendar, a date already there taking the new kind and name (replaceDays=false),
    /// or replaces all its days (true); settings stay. A region without a calendar gets the default settings, stored.
    /// </summary>
    public async Task<WorkingCalendar> ImportDaysAsync(string region, IReadOnlyList<CalendarDay> days, bool replaceDays, string updatedBy,
        CancellationToken cancellationToken) =>
        (await WriteAsync(region, CalendarDraft.DefaultWith(days), null, updatedBy, replaceDays, keepSettings: true, cancellationToken).ConfigureAwait(false)).Calendar!;

    /// <summary>As <see cref="ImportDaysAsync"/>, only if the calendar is still at <paramref name="expectedVersion"/> (0: none stored yet).</summary>
    public Task<CalendarWrite> ImportDaysIfAsync(string region, IReadOnlyList<CalendarDay> days, bool replaceDays, int expectedVersion, string updatedBy,
        CancellationToken cancellationToken) =>
        WriteAsync(region, CalendarDraft.DefaultWith(days), expectedVersion, updatedBy, replaceDays, keepSettings: true, cancellationToken);

    /// <returns>True when stored; false when the region has a calendar already (the demo never overwrites an operator's).</returns>
    public async Task<bool> CreateIfAbsentAsync(string region, CalendarDraft draft, string updatedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into working_calendars (region, time_zone, working_days, work_start, work_end, version, updated_at, updated_by)
            values (@region, @TimeZone, @Weekdays, @Start, @End, 1, @now, @updatedBy)
            on conflict (region) do nothing
            """, Parameters(region, draft, updatedBy, keepSettings: false), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (inserted == 1)
        {
            await InsertDaysAsync(connection, transaction, region, draft.Days, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }

    /// <param name="expectedVersion">Null: unconditional (tools and tests; the API always names the version it read).</param>
    /// <param name="keepSettings">An import: a stored calendar keeps its zone, weekdays and hours (the draft's apply only to a new row), in the same statement, so a concurrent PUT is not undone.</param>
    private async Task<CalendarWrite> WriteAsync(string region, CalendarDraft draft, int? expectedVersion, string updatedBy, bool replaceDays, bool keepSettings,
        CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Conditional on the version the caller read, in the statement that takes the row lock: of two writers that read
        // the same version, the second finds the version moved on and writes nothing (412), whatever the timing.
        var parameters = Parameters(region, draft, updatedBy, keepSettings, expectedVersion ?? 0);
        var written = await connection.ExecuteAsync(new CommandDefinition(
            expectedVersion is null ? Upsert : expectedVersion == 0
                ? """
                  insert into working_calendars (region, time_zone, working_days, work_start, work_end, version, updated_at, updated_by)
                  values (@region, @TimeZone, @Weekdays, @Start, @End, 1, @now, @updatedBy)
                  on conflict (region) do nothing
                  """
                : """
                  update working_calendars set
                      time_zone = case when @keepSettings then time_zone else @TimeZone end,
                      working_days = case when @keepSettings then working_days else @Weekdays end,
                      work_start = case when @keepSettings then work_start else @Start end,
                      work_end = case when @keepSettings then work_end else @End end,
                      version = version + 1, updated_at = @now, updated_by = @updatedBy
                  where region = @region and version = @expectedVersion
                  """, parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (written == 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return new CalendarWrite(null, (await FindAsync(region, cancellationToken).ConfigureAwait(false))?.Version ?? 0);
        }

        if (replaceDays)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "delete from working_calendar_days where region = @region", new { region }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await InsertDaysAsync(connection, transaction, region, draft.Days, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        var calendar = (await FindAsync(region, cancellationToken).ConfigureAwait(false))!;
        return new CalendarWrite(calendar, calendar.Version);
    }

    // The upsert locks the calendar's row, so two unconditional writers of one region take turns and each bumps the version.
    private const string Upsert =
        """
        insert into working_calendars (region, time_zone, working_days, work_start, work_end, version, updated_at, updated_by)
        values (@region, @TimeZone, @Weekdays, @Start, @End, 1, @now, @updatedBy)
        on conflict (region) do update set
            time_zone = case when @keepSettings then working_calendars.time_zone else excluded.time_zone end,
            working_days = case when @keepSettings then working_calendars.working_days else excluded.working_days end,
            work_start = case when @keepSettings then working_calendars.work_start else excluded.work_start end,
            work_end = case when @keepSettings then working_calendars.work_end else excluded.work_end end,
            version = working_calendars.version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by
        """;

    private object Parameters(string region, CalendarDraft draft, string updatedBy, bool keepSettings, int expectedVersion = 0) => new
    {
        region,
        keepSettings,
        expectedVersion,
        draft.TimeZone,
        Weekdays = draft.WorkingDays.Select(day => (short)(day == DayOfWeek.Sunday ? 7 : (int)day)).Distinct().Order().ToArray(),
        Start = (int)draft.WorkStart.TotalMinutes,
        End = (int)draft.WorkEnd.TotalMinutes,
        now = time.GetUtcNow(),
        updatedBy,
    };

    private static Task<int> InsertDaysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string region, IReadOnlyList<CalendarDay> days,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            insert into working_calendar_days (region, day, kind, name)
            select @region, d, k, n from unnest(@dates::date[], @kinds::text[], @names::text[]) as t (d, k, n)
            on conflict (region, day) do update set kind = excluded.kind, name = excluded.name
            """,
            new
            {
                region,
                dates = days.Select(d => d.Date.ToDateTime(TimeOnly.MinValue)).ToArray(),
                kinds = days.Select(d => d.Kind).ToArray(),
                names = days.Select(d => d.Name).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
}
