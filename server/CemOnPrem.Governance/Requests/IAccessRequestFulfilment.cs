namespace CemOnPrem.Governance.Requests;

/// <summary>
/// Fulfils an approved access request (Art. 15): the DSAR export (JSON + CSV zip with a manifest) that the encryption
/// branch builds. The lead registers its implementation at merge; until then completing an access request answers
/// 501 and the request stays approved.
/// </summary>
public interface IAccessRequestFulfilment
{
    /// <returns>Where the compliance officer fetches the export (a URL or a job id), stored as the request's note.</returns>
    Task<string> FulfilAsync(PrivacyRequest request, CancellationToken cancellationToken);
}
