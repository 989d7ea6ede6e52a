using CemOnPrem.Audit;
using CemOnPrem.Audit.Records;
using CemOnPrem.Packs.Hosting;

namespace CemOnPrem.Server.Packs;

/// <summary>Records what the host decided about each pack at start: loaded (installed and offered) or refused, and why.</summary>
internal static class PackAudit
{
    public const int MaxDetailLength = 300;

    public static async Task RecordLoadAsync(PackRegistry registry, IAuditTrail audit)
    {
        foreach (var pack in registry.Packs)
        {
            var refused = pack.Status == PackStatus.Refused;
            await audit.RecordAsync(new AuditEntry(refused ? AuditActions.PackRefused : AuditActions.PackLoaded, "pack/" + pack.Id, AuditOutcome.Allowed)
            {
                Actor = AuditActor.System,
                Detail = Shorten(refused ? pack.StatusReason : $"version={pack.Manifest?.Version} status={pack.Status} signature={pack.Signature.State}"),
            }).ConfigureAwait(false);
        }
    }

    public static string? Shorten(string? text) => text is null || text.Length <= MaxDetailLength ? text : text[..MaxDetailLength];
}
