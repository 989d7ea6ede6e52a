using CemOnPrem.Testing;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Checkpoints;
using CemOnPrem.Audit.Pseudonyms;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Audit.Tests.Support;

/// <summary>
/// One node's audit trail on a test database as the server wires it: the guard, a guarded appender, the checkpoint
/// service (driven tick by tick), and what an operator would watch: the guard's log lines and its broken gauge.
/// </summary>
public sealed class GuardedChain : IAsyncDisposable
{
    private readonly ServiceProvider _metrics;
    private readonly MeterListener _listener = new();
    private readonly AuditSigningKey _key;
    private int _gauge = -1;

    public GuardedChain(AuditDatabase database, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(database);
        _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = _metrics.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == AuditChainGuard.BrokenInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => _gauge = value);
        _listener.Start();
        Guard = new AuditChainGuard(Log, meters);
        Store = new AuditChainStore(database.Control, Guard);
        Appender = new AuditAppender(Store, Options.Create(new AuditOptions()), NullLogger<AuditAppender>.Instance);
        Checkpoints = new AuditCheckpointStore(database.Control, Store, TimeProvider.System, Guard);
        _key = new AuditSigningKey(key);
        var trail = new AuditTrail(Appender, new SubjectPseudonyms(new byte[32]), new HttpContextAccessor(), TimeProvider.System);
        Service = new AuditCheckpointService(Checkpoints, _key, Guard, trail, Options.Create(new AuditOptions()), TimeProvider.System,
            NullLogger<AuditCheckpointService>.Instance);
    }

    public ListLogger<AuditChainGuard> Log { get; } = new();

    public AuditChainGuard Guard { get; }

    public AuditChainStore Store { get; }

    public AuditAppender Appender { get; }

    public AuditCheckpointStore Checkpoints { get; }

    public AuditCheckpointService Service { get; }

    /// <summary>The value <c>cem_audit_chain_broken</c> reports now.</summary>
    public int BrokenGauge
    {
        get
        {
            _listener.RecordObservableInstruments();
            return _gauge;
        }
    }

    public IReadOnlyList<string> Errors => [.. Log.Lines.Where(line => line.Level == LogLevel.Error).Select(line => line.Message)];

    public Task StartAsync() => Appender.StartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Appender.StopAsync(CancellationToken.None);
        Appender.Dispose();
        _listener.Dispose();
        _key.Dispose();
        await _metrics.DisposeAsync();
    }
}
