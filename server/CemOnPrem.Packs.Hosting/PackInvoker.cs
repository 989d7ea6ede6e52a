using CemOnPrem.Sdk.Metrics;
using Microsoft.Extensions.Logging;

namespace CemOnPrem.Packs.Hosting;

/// <summary>
/// The only way engines call pack code: each call runs on the thread pool with
/// <c>Cem:Packs:CallTimeoutMilliseconds</c>; a call that throws or times out disables the pack (status
/// faulted, persisted) and is answered as <see cref="PackCallOutcome.Faulted"/>, so the engine carries on
/// without the pack. A pack that is not active is never called. A hung call cannot be aborted in .NET: its
/// thread stays busy until the code returns, but the pack gets no further calls.
/// </summary>
public sealed partial class PackInvoker(PackRegistry registry, PackHostOptions options, ILogger<PackInvoker> logger)
{
    /// <summary>Asks a custom metric's calculator for an event's contribution.</summary>
    /// <param name="calculator">From <see cref="ActivePack.Calculators"/> or <see cref="PackRegistry.MetricCalculators"/>.</param>
    /// <param name="context">The event and the customer's history.</param>
    /// <param name="cancellationToken">Cancels the wait (not the pack code).</param>
    public Task<PackCallResult<MetricContribution?>> ContributeAsync(PackMetricCalculator calculator, MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        return InvokeAsync(calculator.PackId, $"{nameof(IMetricCalculator)}.{nameof(IMetricCalculator.Contribute)} of metric '{calculator.MetricId}'",
            () => calculator.Calculator.Contribute(context), cancellationToken);
    }

    /// <summary>Calls any pack code under the timeout and the fault rules.</summary>
    /// <param name="packId">The pack whose code <paramref name="call"/> runs.</param>
    /// <param name="operation">What is called, for the fault reason (e.g. the interface member and the metric id).</param>
    /// <param name="call">The call into pack code.</param>
    /// <param name="cancellationToken">Cancels the wait (not the pack code).</param>
    public async Task<PackCallResult<T>> InvokeAsync<T>(string packId, string operation, Func<T> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!registry.IsActive(packId))
        {
            return new(PackCallOutcome.Unavailable, default, $"pack '{packId}' is not active");
        }

        // The clock starts when the pack code starts: time spent queued for a thread is the host's, not the pack's.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = Task.Run(() =>
        {
            started.TrySetResult();
            return call();
        }, CancellationToken.None);
        string failure;
        try
        {
            await started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new(PackCallOutcome.Succeeded, await task.WaitAsync(TimeSpan.FromMilliseconds(options.CallTimeoutMilliseconds), cancellationToken).ConfigureAwait(false), null);
        }
        catch (TimeoutException)
        {
            Loading.PackCodeLoading.ObserveLater(task);
            failure = $"{operation} did not answer within {options.CallTimeoutMilliseconds} ms";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Loading.PackCodeLoading.ObserveLater(task);
            return new(PackCallOutcome.Cancelled, default, "cancelled by the caller");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The type only: a message might quote the event the code was given.
            failure = $"{operation} threw {ex.GetType().FullName}";
        }

        LogFault(logger, packId, failure);
        await registry.MarkFaultedAsync(packId, failure).ConfigureAwait(false);
        return new(PackCallOutcome.Faulted, default, failure);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pack {PackId} faulted and is disabled: {Reason}")]
    private static partial void LogFault(ILogger logger, string packId, string reason);
}
