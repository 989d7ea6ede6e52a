using Dapper;
using Npgsql;

namespace CemOnPrem.Storage.Customers;

/// <summary>The org-unit scope test of a customer: does it have an event recorded at one of the given units?</summary>
public static class CustomerOrgUnits
{
    public static async Task<bool> HasEventsAtAsync(NpgsqlDataSource region, string customerId, string[] orgUnits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        await using var connection = await region.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from events where customer_id = @customerId and org_unit = any(@orgUnits))",
            new { customerId, orgUnits }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
