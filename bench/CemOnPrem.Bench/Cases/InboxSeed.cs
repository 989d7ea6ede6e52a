using System.Diagnostics;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.OrgUnits;
using Npgsql;

namespace CemOnPrem.Bench.Cases;

/// <summary>
/// Fills cn-east with cases for the inbox part, set-based (the opening path is measured by the burst, not here): an org
/// tree of 10 regions × 50 branches under <c>ibx-hq</c>, each branch's cases in its own queue (one in ten escalated to
/// its region's), states, types, priorities and 4 assignees per branch spread evenly, opened over the past year, and
/// every clock already armed (the server's armer must not spend the run registering a million reminders).
/// </summary>
internal static class InboxSeed
{
    public const int Regions = 10;
    public const int BranchesPerRegion = 50;
    private const int Chunk = 200_000;

    public static string Region(int r) => $"ibx-r{r:D2}";

    public static string Branch(int r, int b) => $"ibx-r{r:D2}-b{b:D2}";

    /// <returns>Seconds it took.</returns>
    public static async Task<double> FillAsync(string controlConnection, string regionConnection, int cases)
    {
        var clock = Stopwatch.StartNew();
        var units = new List<OrgUnitDraft> { new("ibx-hq", "Inbox bench head office", "hq", null) };
        for (var r = 0; r < Regions; r++)
        {
            units.Add(new OrgUnitDraft(Region(r), Region(r), "region", "ibx-hq"));
            units.AddRange(Enumerable.Range(0, BranchesPerRegion).Select(b => new OrgUnitDraft(Branch(r, b), Branch(r, b), "branch", Region(r))));
        }

        await new OrgUnitStore(new ControlDatabase(controlConnection)).UpsertAsync(units, CancellationToken.None);
        await using var connection = new NpgsqlConnection(regionConnection);
        await connection.OpenAsync();
        for (var from = 1; from <= cases; from += Chunk)
        {
            await using var insert = new NpgsqlCommand(Insert, connection) { CommandTimeout = 3600 };
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = from });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Min(cases, from + Chunk - 1) });
            await insert.ExecuteNonQueryAsync();
            Console.Write($"\rinbox: {Math.Min(cases, from + Chunk - 1):N0} / {cases:N0} cases stored   ");
        }

        Console.WriteLine();
        await using (var analyze = new NpgsqlCommand("vacuum analyze cases", connection) { CommandTimeout = 3600 })
        {
            await analyze.ExecuteNonQueryAsync();
        }

        return clock.Elapsed.TotalSeconds;
    }

    // i → state (i % 20: 10 % new, 10 % assigned, 10 % in progress, 5 % awaiting the customer, 25 % resolved, 40 %
    // closed), branch (i / 20 % 500, so every branch has every state), a complaint every fifth case (with a regulatory
    // clock), one in ten escalated to the region's queue, opened at a spread instant of the past year; the SLA is 2
    // days, so old open cases are overdue. Each property takes other digits of i, so they do not go together.
    private const string Insert =
        """
        insert into cases (case_id, region, origin, pack_id, rule_id, case_type, org_unit, queue_unit, route_level, priority, state, assignee,
            opened_at, opened_by, first_response_at, resolved_at, closed_at, sla_unit, sla_due_at, sla_warn_at,
            reg_name, reg_unit, reg_due_at, reg_warn_at, clocks_version, clocks_armed, updated_at)
        select 'case-' || lpad(to_hex(i), 32, '0'), 'cn-east', 'rule', 'com.cemonprem.banking',
               case when i / 3 % 5 = 0 then 'complaint-response-clock' else 'branch-detractor' end,
               case when i / 3 % 5 = 0 then 'complaint' else 'detractor-follow-up' end,
               b.code, case when i / 7 % 10 = 3 then b.region else b.code end, 'branch', (1 + i / 11 % 4)::smallint, s.state,
               case when s.state = 'new' then null else b.code || '-agent-' || (i / 10000 % 4) end,
               t.opened, 'bench', case when s.state in ('new', 'assigned') then null else t.opened + interval '3 hours' end,
               case when s.state in ('resolved', 'closed') then t.opened + interval '1 day' end,
               case when s.state = 'closed' then t.opened + interval '2 days' end,
               'business-days', t.opened + interval '2 days', t.opened + interval '36 hours',
               case when i / 3 % 5 = 0 then 'complaint-final-response' end, case when i / 3 % 5 = 0 then 'business-days' end,
               case when i / 3 % 5 = 0 then t.opened + interval '21 days' end, case when i / 3 % 5 = 0 then t.opened + interval '15 days' end,
               1, 1, t.opened
        from generate_series($1, $2) as i
        cross join lateral (select 'ibx-r' || lpad((i / 20 % 500 / 50)::text, 2, '0') || '-b' || lpad((i / 20 % 50)::text, 2, '0') as code,
                                   'ibx-r' || lpad((i / 20 % 500 / 50)::text, 2, '0') as region) as b
        cross join lateral (select (array['new', 'new', 'assigned', 'assigned', 'in-progress', 'in-progress', 'awaiting-customer',
                                          'resolved', 'resolved', 'resolved', 'resolved', 'resolved',
                                          'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed'])[1 + i % 20] as state) as s
        cross join lateral (select now() - make_interval(secs => (i::bigint * 7919 % 31536000)::double precision) as opened) as t
        """;
}
