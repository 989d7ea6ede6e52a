using CemOnPrem.Storage.Encryption;
using Npgsql;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// The data key of a case without a customer (<c>case_keys</c>, R0081): random 256-bit, stored only wrapped by the
/// region's KEK, bound to its region and id like a customer key (<see cref="OwnedDataKeys"/>). Created with the case's
/// first personal text.
/// </summary>
internal sealed class CaseKeys(FieldProtection protection)
{
    private readonly OwnedDataKeys _keys = new(protection, WrappedKeyTables.CaseKeys, "case_id");

    // The case row is locked by the caller's update, so no other writer creates a key for it meanwhile.
    public Task<DataKey> ForWriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string region, string caseId, CancellationToken cancellationToken) =>
        _keys.ForWriteAsync(connection, transaction, region, caseId, cancellationToken);

    public Task<DataKey?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string region, string caseId, CancellationToken cancellationToken) =>
        _keys.ReadAsync(connection, transaction, region, caseId, cancellationToken);
}
