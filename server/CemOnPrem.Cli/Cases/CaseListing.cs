using System.Globalization;
using Dapper;
using Npgsql;

namespace CemOnPrem.Cli.Cases;

/// <summary>The queries and lines of <c>cemctl cases</c>. Tab-separated, one case or entry per line.</summary>
internal static class CaseListing
{
    // The states of cases.state (CemOnPrem.Cases.Handling.CaseStates; the CLI does not load the server's modules).
    private static readonly string[] States = ["new", "assigned", "in-progress", "awaiting-customer", "resolved", "closed"];

    public static async Task<int> ListAsync(IReadOnlyDictionary<string, string?> databases, string? state, int limit, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        try
        {
            Check(databases);
            if (state is not null && !States.Contains(state, StringComparer.Ordinal))
            {
                throw new CliException($"--state: must be one of {string.Join(", ", States)}.");
            }

            if (limit is < 1 or > 1000)
            {
                throw new CliException("--limit: must be from 1 to 1000.");
            }

            foreach (var (region, connectionString) in databases.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                await using var connection = new NpgsqlConnection(connectionString);
                var rows = await connection.QueryAsync<(string, string, int, string, string, string?, DateTime, DateTime, bool, bool)>(new CommandDefinition(
                    """
                    select case_id, state, priority::int, case_type, queue_unit, assignee, opened_at, sla_due_at,
                           (state not in ('resolved', 'closed') and (sla_due_at < now() or reg_due_at < now())), customer_id is not null
                    from cases where (@state::text is null or state = @state) order by opened_at desc, case_id desc limit @limit
                    """, new { state, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
                foreach (var (caseId, s, priority, type, queue, assignee, opened, due, overdue, customer) in rows)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{region}\t{caseId}\t{s}\tp{priority}\t{type}\t{queue}\t{assignee ?? "-"}\topened {opened:yyyy-MM-ddTHH:mm}Z\tdue {due:yyyy-MM-ddTHH:mm}Z\t{(overdue ? "OVERDUE" : "-")}\tcustomer: {(customer ? "yes" : "no")}"))
                        .ConfigureAwait(false);
                }
            }

            return 0;
        }
        catch (Exception ex) when (ex is CliException or NpgsqlException or ArgumentException)
        {
            await error.WriteLineAsync($"cemctl: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    public static async Task<int> ShowAsync(IReadOnlyDictionary<string, string?> databases, string region, string caseId, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        try
        {
            Check(databases);
            await using var connection = new NpgsqlConnection(databases[region]);
            var row = await connection.QuerySingleOrDefaultAsync<(string, string, int, string, string?, string, string?, string?, DateTime, DateTime, string?, DateTime?, int, bool)?>(
                new CommandDefinition(
                    """
                    select state, case_type, priority::int, queue_unit, org_unit, origin, rule_id, assignee, opened_at, sla_due_at, reg_name, reg_due_at,
                           version, customer_id is not null
                    from cases where case_id = @caseId
                    """, new { caseId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (row is not { } c)
            {
                throw new CliException($"no case '{caseId}' in region '{region}'.");
            }

            var lines = new List<string>
            {
                $"case {region}/{caseId} ({c.Item6}{(c.Item7 is null ? "" : ", rule " + c.Item7)}, version {c.Item13})",
                $"state {c.Item1}, type {c.Item2}, priority {c.Item3}, queue {c.Item4}, org unit {c.Item5 ?? "-"}, assignee {c.Item8 ?? "-"}, customer: {(c.Item14 ? "yes" : "no")}",
                $"opened {c.Item9:O}; SLA due {c.Item10:O}" + (c.Item12 is { } reg ? $"; {c.Item11} due {reg:O}" : ""),
            };
            var history = await connection.QueryAsync<(DateTime, string, string, string?, string?, string)>(new CommandDefinition(
                "select at, actor, action, from_state, to_state, detail::text from case_history where case_id = @caseId order by entry_id",
                new { caseId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            // Actions, states and the non-personal detail only: notes and other text stay encrypted and unprinted.
            lines.AddRange(history.Select(h => $"{h.Item1:O}\t{h.Item2}\t{h.Item3}\t{(h.Item4 is null ? "" : h.Item4 + " -> " + h.Item5)}\t{h.Item6}"));
            foreach (var line in lines)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{line}")).ConfigureAwait(false);
            }

            return 0;
        }
        catch (Exception ex) when (ex is CliException or NpgsqlException or ArgumentException)
        {
            await error.WriteLineAsync($"cemctl: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static void Check(IReadOnlyDictionary<string, string?> databases)
    {
        if (databases.Count == 0)
        {
            throw new CliException("no region database: give --region and --region-db, or set CEM__REGIONS__{region}__CONNECTIONSTRING.");
        }

        foreach (var (region, connectionString) in databases)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new CliException($"--region-db: give region '{region}''s connection string, or set CEM__REGIONS__{region}__CONNECTIONSTRING.");
            }
        }
    }
}
