using System.Text;
using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// The inbox: cases whose queue unit is in the given units, newest first, keyset-paged on (opened_at, case_id)
/// (indexes <c>cases_inbox</c> and <c>cases_queue_inbox</c>, R0081). Each region's database is asked for one page
/// and the pages are merged, so the cursor works across the regions a node serves.
/// </summary>
internal sealed class CaseInbox(RegionDatabases regions, TimeProvider time)
{
    public async Task<(IReadOnlyList<InboxItem> Items, InboxCursor? Next)> ListAsync(InboxQuery query, CancellationToken cancellationToken)
    {
        var (sql, args) = Sql(query, time.GetUtcNow());
        var rows = new List<InboxItem>();
        foreach (var region in query.Regions)
        {
            await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            rows.AddRange((await connection.QueryAsync<InboxRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false))
                .Select(r => r.ToItem()));
        }

        var page = rows.OrderByDescending(r => r.OpenedAt).ThenByDescending(r => r.CaseId, StringComparer.Ordinal).Take(query.Limit + 1).ToList();
        var more = page.Count > query.Limit;
        var items = page.Take(query.Limit).ToList();
        return (items, more ? new InboxCursor(items[^1].OpenedAt, items[^1].CaseId) : null);
    }

    /// <summary>Only the filters given become conditions, so the planner sees a plain query it can serve from an index.</summary>
    internal static (string Sql, DynamicParameters Args) Sql(InboxQuery query, DateTimeOffset now)
    {
        var sql = new StringBuilder(
            """
            select region as Region, case_id as CaseId, case_type as CaseType, state as State, priority::int as Priority, queue_unit as QueueUnit,
                   org_unit as OrgUnit, assignee as Assignee, rule_id as RuleId, customer_id is not null as HasCustomer, opened_at as OpenedAt,
                   sla_due_at as SlaDueAt, reg_due_at as RegulatoryDueAt,
                   (state not in ('resolved', 'closed') and (sla_due_at < @now or reg_due_at < @now)) as Overdue, version as Version
            from cases where queue_unit = any(@units)
            """);
        var args = new DynamicParameters(new { units = query.Units.ToArray(), now, limit = query.Limit + 1 });
        Add(sql, args, query.State, "state = @state", "state");
        Add(sql, args, query.CaseType, "case_type = @caseType", "caseType");
        Add(sql, args, query.Priority is { } p ? (short)p : null, "priority = @priority", "priority");
        Add(sql, args, query.Assignee, "assignee = @assignee", "assignee");
        Add(sql, args, query.Text, "(case_id = @text or case_type = @text or rule_id = @text or org_unit = @text or queue_unit = @text)", "text");
        if (query.Overdue)
        {
            sql.Append(" and state not in ('resolved', 'closed') and (sla_due_at < @now or reg_due_at < @now)");
        }

        if (query.After is { } after)
        {
            sql.Append(" and (opened_at, case_id) < (@afterAt, @afterId)");
            args.Add("afterAt", after.OpenedAt);
            args.Add("afterId", after.CaseId);
        }

        sql.Append(" order by opened_at desc, case_id desc limit @limit");
        return (sql.ToString(), args);
    }

    private static void Add(StringBuilder sql, DynamicParameters args, object? value, string condition, string name)
    {
        if (value is not null)
        {
            sql.Append(" and ").Append(condition);
            args.Add(name, value);
        }
    }
}

/// <summary>An inbox row as Dapper reads it (settable properties: timestamptz arrives as DateTime).</summary>
internal sealed class InboxRow
{
    public string Region { get; set; } = "";
    public string CaseId { get; set; } = "";
    public string CaseType { get; set; } = "";
    public string State { get; set; } = "";
    public int Priority { get; set; }
    public string QueueUnit { get; set; } = "";
    public string? OrgUnit { get; set; }
    public string? Assignee { get; set; }
    public string? RuleId { get; set; }
    public bool HasCustomer { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset SlaDueAt { get; set; }
    public DateTimeOffset? RegulatoryDueAt { get; set; }
    public bool Overdue { get; set; }
    public int Version { get; set; }

    public InboxItem ToItem() => new(Region, CaseId, CaseType, State, Priority, QueueUnit, OrgUnit, Assignee, RuleId, HasCustomer, OpenedAt, SlaDueAt,
        RegulatoryDueAt, Overdue, Version);
}
