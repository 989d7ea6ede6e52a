using CemOnPrem.Audit;
using CemOnPrem.Audit.Records;
using CemOnPrem.Http.Configuration;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Http.Residency;

/// <summary>
/// The one place that decides whether personal data of a region may be delivered by this node (a cross-border
/// transfer when the region is not this node's jurisdiction, <see cref="NodeRegions.IsTransfer"/>). Default deny:
/// only a <c>Cem:Residency:Transfers</c> entry with the same from, to, purpose and category allows it. Every
/// transfer decision, allowed or denied, is committed to the audit trail before this returns (fail closed).
/// Call it before delivering customer-level data: customer reads, lookups, exports.
/// </summary>
public sealed class CrossBorderTransferPolicy(NodeRegions node, IOptions<CemOptions> options, IAuditTrail audit)
{
    public async Task<TransferDecision> CheckAsync(string dataRegion, string? purpose, string category, AuditSubject? subject = null)
    {
        ArgumentNullException.ThrowIfNull(dataRegion);
        if (!node.IsTransfer(dataRegion))
        {
            return TransferDecision.Local(dataRegion, category);
        }

        var to = node.Location!;
        var index = purpose is null ? -1 : options.Value.Residency.Transfers.FindIndex(rule =>
            rule.From == dataRegion && rule.To == to && rule.Purpose == purpose && rule.Categories.Contains(category, StringComparer.Ordinal));
        var rule = index >= 0
            ? $"Cem:Residency:Transfers:{index}"
            : $"Cem:Residency:Transfers entry {{From: '{dataRegion}', To: '{to}', Purpose: '{purpose ?? "(none declared)"}', Categories: ['{category}']}}";
        var decision = new TransferDecision(true, index >= 0, dataRegion, to, purpose, category, rule);
        await audit.RecordAsync(new AuditEntry(
            decision.Allowed ? AuditActions.ResidencyTransferAllowed : AuditActions.ResidencyTransferDenied,
            $"transfer/{dataRegion}/{to}",
            decision.Allowed ? AuditOutcome.Allowed : AuditOutcome.Denied)
        {
            Subject = subject,
            Region = dataRegion,
            Purpose = purpose,
            Detail = decision.Allowed ? $"category={category}; rule={rule}" : $"category={category}; no rule",
        }).ConfigureAwait(false);
        return decision;
    }
}
