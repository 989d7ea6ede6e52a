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

    /// <summary>Up to this many queue units are read one ordered index range each (cases_queue_inbox) and merged.</summary>
    internal const int MergedUnits = 16;

    private const string Select =
        """
        select region as Region, case_id as CaseId, case_type as CaseType, state as State, priority::int as Priority, queue_unit as QueueUnit,
               org_unit as OrgUnit, assignee as Assignee, rule_id as RuleId, customer_id is not null as HasCustomer, opened_at as OpenedAt,
               sla_due_at as SlaDueAt, reg_due_at as RegulatoryDueAt,
               (state not in ('resolved', 'closed') and (sla_due_at < @now or reg_due_at < @now)) as Overdue, version as Version
        from cases where
        """;

    private const string Order = " order by opened_at desc, case_id desc limit @limit";

    /// <summary>
    /// Only the filters given become conditions, so the planner sees a plain query it can serve from an index. A narrow
    /// scope (a few units) becomes one ordered range per unit, merged (PostgreSQL 15 cannot keep an index's order for
    /// <c>= any(array)</c>); a wide scope walks <c>cases_inbox</c> in order and stops after one page.
    /// </summary>
    internal static (string Sql, DynamicParameters Args) Sql(InboxQuery query, DateTimeOffset now)
    {
        var filters = new StringBuilder();
        var args = new DynamicParameters(new { now, limit = query.Limit + 1 });
        Add(filters, args, query.State, "state = @state", "state");
        Add(filters, args, query.CaseType, "case_type = @caseType", "caseType");
        Add(filters, args, query.Priority is { } p ? (short)p : null, "priority = @priority", "priority");
        Add(filters, args, query.Assignee, "assignee = @assignee", "assignee");
        // A text shaped like a case id is looked up as one (the primary key): in the OR below it would walk the whole
        // inbox index in order looking for its one row (seconds at 1M cases, ./cem bench cases).
        Add(filters, args, query.Text, query.Text is { } t && CaseIds.IsWellFormed(t)
            ? "case_id = @text"
            : "(case_id = @text or case_type = @text or rule_id = @text or org_unit = @text or queue_unit = @text)", "text");
        if (query.Overdue)
        {
            filters.Append(" and state not in ('resolved', 'closed') and (sla_due_at < @now or reg_due_at < @now)");
        }

        if (query.After is { } after)
        {
            filters.Append(" and (opened_at, case_id) < (@afterAt, @afterId)");
            args.Add("afterAt", after.OpenedAt);
            args.Add("afterId", after.CaseId);
        }

        if (query.Units.Count > MergedUnits)
        {
            args.Add("units", query.Units.ToArray());
            return (Select + " queue_unit = any(@units)" + filters + Order, args);
        }

        if (query.Units.Count == 1)
        {
            args.Add("u0", query.Units[0]);
            return (Select + " queue_unit = @u0" + filters + Order, args);
        }

        var parts = query.Units.Select((unit, i) =>
        {
            args.Add("u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), unit);
            return "(" + Select + " queue_unit = @u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + filters + Order + ")";
        });
        // Around a union only the output names can be ordered by.
        return (string.Join(" union all ", parts) + " order by OpenedAt desc, CaseId desc limit @limit", args);
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
