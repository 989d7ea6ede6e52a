namespace CemOnPrem.Storage.Reminders;

public sealed partial class PostgresReminderTable
{
    private const string Columns =
        "grain_id as GrainId, reminder_name as ReminderName, start_at as StartAt, period as Period, etag as Etag";

    private const string ReadByGrainSql =
        $"select {Columns} from reminders where service_id = @ServiceId and grain_id = @GrainId";

    private const string ReadOneSql =
        $"select {Columns} from reminders where service_id = @ServiceId and grain_id = @GrainId and reminder_name = @ReminderName";

    // A ring range (begin, end]: begin < end is a plain interval; begin >= end wraps past 2^32-1 back to 0
    // (so begin = end is the whole ring).
    private const string ReadRangeSql =
        $"select {Columns} from reminders where service_id = @ServiceId and grain_hash > @Begin and grain_hash <= @End";

    private const string ReadWrappedRangeSql =
        $"select {Columns} from reminders where service_id = @ServiceId and (grain_hash > @Begin or grain_hash <= @End)";

    // An upsert: the reminder service owns the row; every write gets a fresh ETag from the sequence.
    private const string UpsertSql =
        """
        insert into reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period, etag)
        values (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartAt, @Period, nextval('reminder_etags'))
        on conflict (service_id, grain_id, reminder_name)
        do update set start_at = excluded.start_at, period = excluded.period, grain_hash = excluded.grain_hash, etag = excluded.etag
        returning etag
        """;

    private const string RemoveSql =
        "delete from reminders where service_id = @ServiceId and grain_id = @GrainId and reminder_name = @ReminderName and etag = @Etag";

    private const string ClearSql = "delete from reminders where service_id = @ServiceId";
}
