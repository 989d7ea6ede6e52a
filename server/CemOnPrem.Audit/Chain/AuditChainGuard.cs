using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace CemOnPrem.Audit.Chain;

/// <summary>
/// This node's knowledge of whether the chain still extends the last signed checkpoint. A new finding is logged once
/// (error), counted and shown by the gauge <see cref="BrokenInstrument"/> (1 while broken) until a check finds the
/// chain intact again (the missing records restored); <c>/readyz</c> reports it as degraded, and the checkpoint
/// service records it in the chain (<see cref="TakeUnrecorded"/>).
/// </summary>
public sealed partial class AuditChainGuard
{
    public const string MeterName = "CemOnPrem.Audit";

    /// <summary>Gauge: 1 while this node finds the chain broken (no checkpoint is signed meanwhile), else 0. Alert on 1.</summary>
    public const string BrokenInstrument = "cem_audit_chain_broken";

    /// <summary>Counter: breaks found by this node (one per finding, not per check), tagged with their kind.</summary>
    public const string FindingsInstrument = "cem_audit_chain_breaks_found";

    private readonly Lock _lock = new();
    private readonly ILogger<AuditChainGuard> _logger;
    private readonly Counter<long> _findings;
    private AuditChainBreak? _current;
    private AuditChainBreak? _unrecorded;

    public AuditChainGuard(ILogger<AuditChainGuard> logger, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(BrokenInstrument, () => Current is null ? 0 : 1,
            description: "1 while the audit chain does not extend the last signed checkpoint (records deleted or rewritten); no checkpoint is signed meanwhile");
        _findings = meter.CreateCounter<long>(FindingsInstrument, description: "Audit chain breaks found by this node");
    }

    /// <summary>The break found last, or null while the chain extends the last checkpoint.</summary>
    public AuditChainBreak? Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    public void Report(AuditChainBreak finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        lock (_lock)
        {
            if (finding.IsSameFinding(_current))
            {
                return;
            }

            _current = finding;
            _unrecorded = finding;
        }

        _findings.Add(1, new KeyValuePair<string, object?>("kind", finding.Kind.ToString()));
        LogBroken(_logger, finding.BrokenAt, finding.Reason);
    }

    /// <summary>A full check found the chain extending the last checkpoint (after the missing records were restored).</summary>
    public void ReportIntact()
    {
        AuditChainBreak? was;
        lock (_lock)
        {
            was = _current;
            _current = null;
            _unrecorded = null;
        }

        if (was is not null)
        {
            LogIntact(_logger, was.BrokenAt);
        }
    }

    /// <returns>A finding not yet recorded in the chain; the caller records it (or hands it back with <see cref="RecordFailed"/>).</returns>
    public AuditChainBreak? TakeUnrecorded()
    {
        lock (_lock)
        {
            var finding = _unrecorded;
            _unrecorded = null;
            return finding;
        }
    }

    public void RecordFailed(AuditChainBreak finding)
    {
        lock (_lock)
        {
            if (finding.IsSameFinding(_current))
            {
                _unrecorded ??= finding;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit chain is broken at {BrokenAt}: {Reason} No checkpoint is signed until the missing records are restored; see docs/audit.md, \"A broken tail\"")]
    private static partial void LogBroken(ILogger logger, long brokenAt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The audit chain extends the last signed checkpoint again (it was broken at {BrokenAt}); signing resumes")]
    private static partial void LogIntact(ILogger logger, long brokenAt);
}
