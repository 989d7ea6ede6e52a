using System.Runtime.CompilerServices;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Governance.Export;

/// <summary>
/// The subject's events, read and decrypted once per export and shared by the categories that need them (profile,
/// events, feedback): decrypting the whole log is the expensive part of an export. Keyed by the export's
/// <see cref="ExportSubject"/> instance, so the list lives exactly as long as that export.
/// </summary>
public sealed class SubjectEvents(EventLogReader log)
{
    private readonly ConditionalWeakTable<ExportSubject, Task<IReadOnlyList<(TimelineEntry Entry, IReadOnlyList<CustomerIdentity> Identities)>>> _reads = [];

    public Task<IReadOnlyList<(TimelineEntry Entry, IReadOnlyList<CustomerIdentity> Identities)>> ReadAsync(ExportSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        // The categories of one export run one after the other, so the first caller's token is the export's token.
        return _reads.GetValue(subject, s => log.ReadAllWithIdentitiesAsync(s.Region, s.CustomerId, cancellationToken));
    }
}
