using CemOnPrem.Governance.Export;
using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// The data-subject export's <c>cases</c> category: every case about the subject (and the customers stitched into it),
/// with its history and the personal text decrypted: notes, root-cause text, the resolution summary.
/// </summary>
internal sealed class CasesExportCategory(RegionDatabases regions, CaseReader reader) : IExportCategory
{
    public string Name => "cases";

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadAsync(ExportSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        string[] ids = [subject.CustomerId, .. subject.MergedCustomerIds];
        List<string> caseIds;
        await using (var connection = await regions.For(subject.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            caseIds = (await connection.QueryAsync<string>(new CommandDefinition(
                "select case_id from cases where customer_id = any(@ids) order by opened_at, case_id", new { ids }, cancellationToken: cancellationToken))
                .ConfigureAwait(false)).AsList();
        }

        var rows = new List<IReadOnlyDictionary<string, object?>>(caseIds.Count);
        foreach (var caseId in caseIds)
        {
            if (await reader.GetAsync(subject.Region, caseId, withPersonalText: true, cancellationToken).ConfigureAwait(false) is not { } c)
            {
                continue;
            }

            rows.Add(new Dictionary<string, object?>
            {
                ["caseId"] = c.CaseId, ["customerId"] = c.CustomerId, ["caseType"] = c.CaseType, ["origin"] = c.Origin, ["state"] = c.State,
                ["orgUnit"] = c.OrgUnit, ["queueUnit"] = c.QueueUnit, ["priority"] = c.Priority, ["openedAt"] = c.OpenedAt,
                ["firstResponseAt"] = c.FirstResponseAt, ["resolvedAt"] = c.ResolvedAt, ["closedAt"] = c.ClosedAt,
                ["rootCauseCode"] = c.RootCauseCode, ["rootCauseText"] = c.RootCauseText, ["resolution"] = c.Resolution,
                ["history"] = c.History.Select(h => new { h.At, h.Actor, h.Action, h.FromState, h.ToState, h.Text }).ToList(),
            });
        }

        return rows;
    }
}
