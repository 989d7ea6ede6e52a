using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Encryption;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Surveys.Distribution;

/// <summary>
/// A customer's address for a channel, decrypted from their identities only now, at send time (it is never copied
/// into the outbox or a log). Null when the customer has none of the wanted types or was erased.
/// </summary>
public sealed class ChannelAddresses(EventLogReader reader)
{
    public async Task<CustomerIdentity?> FindAsync(string region, string customerId, IReadOnlyList<string> types, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(types);
        IReadOnlyList<CustomerIdentity> identities;
        try
        {
            identities = await reader.ReadIdentitiesAsync(region, customerId, cancellationToken).ConfigureAwait(false);
        }
        catch (DataKeyUnavailableException)
        {
            return null; // erased (crypto-shredded) between the invitation and now
        }

        return types.Select(type => identities.FirstOrDefault(i => i.Type == type)).FirstOrDefault(i => i is not null);
    }
}
