using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Governance;

/// <summary>The ledger-backed <see cref="IConsentGate"/>; an unknown purpose is never allowed.</summary>
public sealed class ConsentGate(RegionDatabases regions, ConsentPurposes purposes) : IConsentGate
{
    public async Task<bool> AllowsAsync(string region, string customerId, string purpose, CancellationToken cancellationToken)
    {
        if (purposes.BasisOf(purpose) is not { } basis)
        {
            return false;
        }

        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select status from consent_entries where customer_id = @customerId and purpose = @purpose order by version desc limit 1",
            new { customerId, purpose }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return ConsentStatuses.Allows(basis, status);
    }
}
