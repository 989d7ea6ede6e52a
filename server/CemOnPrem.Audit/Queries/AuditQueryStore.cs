using System.Text;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Records;
using CemOnPrem.Storage.Databases;
using Npgsql;

namespace CemOnPrem.Audit.Queries;

/// <summary>Runs compliance queries on <c>audit_records</c>: parameterised filters, keyset paging by sequence.</summary>
public sealed class AuditQueryStore(ControlDatabase control)
{
    public async Task<IReadOnlyList<AuditRecord>> FindAsync(AuditQuery query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand { Connection = connection };
        var where = new StringBuilder("sequence > @after");
        command.Parameters.AddWithValue("after", query.After);
        Filter(command, where, "action = @action", "action", query.Action);
        Filter(command, where, "actor = @actor", "actor", query.Actor);
        Filter(command, where, "outcome = @outcome", "outcome", query.Outcome);
        Filter(command, where, "subject = @subject", "subject", query.Subject);
        Filter(command, where, "region = @region", "region", query.Region);
        Filter(command, where, "recorded_at >= @from", "from", query.From);
        Filter(command, where, "recorded_at < @to", "to", query.To);
        if (query.Category is { } category)
        {
            where.Append(" and ").Append(CategoryCondition(category, command));
        }

        command.CommandText = $"select {AuditRecordColumns.List} from audit_records where {where} order by sequence limit @limit";
        command.Parameters.AddWithValue("limit", limit);
        var records = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(AuditRecordColumns.Read(reader));
        }

        return records;
    }

    private static string CategoryCondition(AuditCategory category, NpgsqlCommand command)
    {
        string[] prefixes = category switch
        {
            AuditCategory.CustomerData => ["customer"],
            AuditCategory.Exports => [.. AuditActions.ExportCategories],
            AuditCategory.CrossRegion => [AuditActions.CrossRegionCategory],
            AuditCategory.Privileged => [.. AuditActions.PrivilegedCategories],
            AuditCategory.Ingest => ["ingest"],
            AuditCategory.Denied => [],
            _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown category."),
        };
        if (category == AuditCategory.Denied)
        {
            return "outcome = 'denied'";
        }

        command.Parameters.AddWithValue("categories", prefixes);
        return "split_part(action, '.', 1) = any(@categories)";
    }

    private static void Filter<T>(NpgsqlCommand command, StringBuilder where, string condition, string name, T? value)
    {
        if (value is null)
        {
            return;
        }

        where.Append(" and ").Append(condition);
        command.Parameters.AddWithValue(name, value is DateTimeOffset time ? time.UtcDateTime : value);
    }
}
