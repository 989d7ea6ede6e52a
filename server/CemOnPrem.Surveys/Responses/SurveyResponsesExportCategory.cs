using CemOnPrem.Governance.Export;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// The data-subject export's <c>survey-responses</c> category: every response of the subject (and of the customers
/// stitched into it), finished or part-way, with each answer and the free text decrypted.
/// </summary>
internal sealed class SurveyResponsesExportCategory(SurveyResponseReader reader) : IExportCategory
{
    public string Name => "survey-responses";

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadAsync(ExportSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var customerId in (string[])[subject.CustomerId, .. subject.MergedCustomerIds])
        {
            foreach (var r in await reader.ForCustomerAsync(subject.Region, customerId, withText: true, cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new Dictionary<string, object?>
                {
                    ["responseId"] = r.ResponseId, ["customerId"] = r.CustomerId, ["survey"] = r.SurveyKey, ["surveyVersion"] = r.SurveyVersion,
                    ["orgUnit"] = r.OrgUnit, ["language"] = r.Language, ["status"] = r.Status, ["startedAt"] = r.StartedAt, ["completedAt"] = r.CompletedAt,
                    ["answers"] = r.Answers.Select(a => new { a.Key, a.Number, a.Choices, a.Text }).ToList(),
                });
            }
        }

        return rows;
    }
}
