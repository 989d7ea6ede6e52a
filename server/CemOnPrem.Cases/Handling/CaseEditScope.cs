using System.Text.Json;
using CemOnPrem.Contracts.Cases;
using CemOnPrem.Storage.Encryption;
using Npgsql;

namespace CemOnPrem.Cases.Handling;

/// <summary>One edit in progress: the locked row, and the one way to write its change with its history entry.</summary>
internal sealed class CaseEditScope(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseRow row, int expectedVersion, DateTimeOffset now,
    CaseText text)
{
    private DataKey? _key;

    public CaseRow Row { get; } = row;

    public DateTimeOffset Now { get; } = now;

    /// <summary>Encrypts personal text for this case's row, column and id (see <see cref="CaseText"/>).</summary>
    public async Task<byte[]> EncryptAsync(string binding, string plaintext, CancellationToken cancellationToken)
    {
        _key ??= await text.KeyForWriteAsync(connection, transaction, Row.Region, Row.CaseId, Row.CustomerId, cancellationToken).ConfigureAwait(false);
        return FieldCipher.EncryptText(_key, binding, plaintext);
    }

    /// <summary>Writes the changed row and one history entry; <paramref name="personalText"/> is stored encrypted in the entry.</summary>
    public async Task<CaseEditResult> SaveAsync(CaseRow changed, bool clocksChanged, string action, object detail, string? personalText,
        CancellationToken cancellationToken)
    {
        var entryId = await CaseWrites.NextEntryIdAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var encrypted = personalText is null
            ? null
            : await EncryptAsync(CaseText.HistoryBinding(Row.CaseId, entryId), personalText, cancellationToken).ConfigureAwait(false);
        if (!await CaseWrites.SaveAsync(connection, transaction, changed, expectedVersion, clocksChanged, Now, cancellationToken).ConfigureAwait(false))
        {
            return CaseEditResult.Stale(Row.Version);
        }

        var from = changed.State == Row.State ? null : Row.State;
        var to = changed.State == Row.State ? null : changed.State;
        await CaseWrites.HistoryAsync(connection, transaction, new CaseHistoryDraft(entryId, Row.CaseId, Row.Region, Now, Actor ?? "system", action,
            from, to, JsonSerializer.Serialize(detail, JsonSerializerOptions.Web), encrypted), cancellationToken).ConfigureAwait(false);
        return CaseEditResult.Applied(expectedVersion + 1);
    }

    public string? Actor { get; init; }
}
