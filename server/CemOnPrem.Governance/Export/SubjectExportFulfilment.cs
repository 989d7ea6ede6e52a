using CemOnPrem.Governance.Requests;

namespace CemOnPrem.Governance.Export;

/// <summary>
/// Completes an approved access request by pointing at the subject's export: the zip is generated when the compliance
/// officer downloads it (purpose <c>dsar</c>, audited as <c>dsar.export</c>), so it is never stored at rest.
/// </summary>
public sealed class SubjectExportFulfilment : IAccessRequestFulfilment
{
    public Task<string> FulfilAsync(PrivacyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult($"/api/v1/privacy/subjects/{request.Region}/{request.CustomerId}/export");
    }
}
