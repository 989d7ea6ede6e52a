namespace CemOnPrem.Governance;

/// <summary>
/// Asks whether a customer's data may be processed for a purpose now (by the purpose's legal basis and the customer's
/// latest ledger entry). Survey triggers and analytics apply the ledger inside the projection; text analytics, which
/// does not exist yet, is to call this with <c>text-mining</c> before it reads a customer's free text.
/// </summary>
public interface IConsentGate
{
    Task<bool> AllowsAsync(string region, string customerId, string purpose, CancellationToken cancellationToken);
}
