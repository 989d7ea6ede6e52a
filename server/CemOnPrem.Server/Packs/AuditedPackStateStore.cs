using CemOnPrem.Audit;
using CemOnPrem.Audit.Records;
using CemOnPrem.Packs.Hosting.State;

namespace CemOnPrem.Server.Packs;

/// <summary>
/// Records the host's own switches (a pack disabled after its code threw or timed out). The
/// administrators' switches are recorded by the packs API, with their outcome.
/// </summary>
internal sealed class AuditedPackStateStore(IPackStateStore inner, IAuditTrail audit) : IPackStateStore
{
    public Task<IReadOnlyList<PackAdminState>> LoadAsync(CancellationToken cancellationToken) => inner.LoadAsync(cancellationToken);

    public async Task SaveAsync(PackAdminState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await inner.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        if (state.IsFault)
        {
            // The fault reason names the interface member and the exception type only (never event data).
            await audit.RecordAsync(new AuditEntry(AuditActions.PackFault, "pack/" + state.PackId, AuditOutcome.Allowed)
            {
                Actor = AuditActor.System,
                Detail = PackAudit.Shorten(state.Reason),
            }).ConfigureAwait(false);
        }
    }
}
