
namespace CemOnPrem.Governance.Export;

/// <summary>The subject's consent ledger: every grant and withdrawal, per purpose, with its source and policy version.</summary>
public sealed class ConsentsCategory(ConsentLedger ledger) : IExportCategory
{
    public string Name => "consents";

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadAsync(ExportSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var read = await ledger.ReadAsync(subject.Region, subject.CustomerId, cancellationToken).ConfigureAwait(false);
        if (read is not { } found)
        {
            return [];
        }

        return [.. found.History.Select(entry => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["purpose"] = entry.Purpose,
            ["version"] = entry.Version,
            ["status"] = entry.Status,
            ["recordedAt"] = entry.RecordedAt,
            ["source"] = entry.Source,
            ["policyVersion"] = entry.PolicyVersion,
            ["recordedBy"] = entry.RecordedBy,
        })];
    }
}
