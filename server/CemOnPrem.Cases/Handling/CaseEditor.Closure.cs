using System.Text.Json;

namespace CemOnPrem.Cases.Handling;

/// <summary>Closing the loop: the closure hooks, after the closing transaction committed.</summary>
internal sealed partial class CaseEditor
{
    private async Task NotifyClosedAsync(CaseRow row, CancellationToken cancellationToken)
    {
        string? channel = null, outcome = null;
        if (row.Resolution is { } json)
        {
            using var document = JsonDocument.Parse(json);
            channel = document.RootElement.TryGetProperty("channel", out var c) ? c.GetString() : null;
            outcome = document.RootElement.TryGetProperty("outcome", out var o) ? o.GetString() : null;
        }

        var closure = new CaseClosure(row.Region, row.CaseId, row.CaseType, row.PackId, row.RuleId, row.CustomerId, row.OrgUnit, row.QueueUnit,
            row.OpenedAt, row.ResolvedAt, row.ClosedAt ?? time.GetUtcNow(), channel, outcome, row.RootCauseCode, row.ReopenedCount);
        foreach (var hook in closureHooks)
        {
            try
            {
                await hook.CaseClosedAsync(closure, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogHookFailed(logger, ex, hook.GetType().Name, row.Region, row.CaseId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case closure hook {Hook} failed for case {Region}/{CaseId}; the case stays closed.")]
    private static partial void LogHookFailed(ILogger logger, Exception exception, string hook, string region, string caseId);
}
