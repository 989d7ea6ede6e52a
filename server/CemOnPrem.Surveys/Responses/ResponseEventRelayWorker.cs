using CemOnPrem.Http.Residency;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Responses;

/// <summary>Runs <see cref="ResponseEventRelay"/> for each region this node serves, every <c>RelayPollSeconds</c>.</summary>
internal sealed partial class ResponseEventRelayWorker(
    ResponseEventRelay relay, NodeRegions node, IOptions<SurveyResponsesOptions> options, TimeProvider time, ILogger<ResponseEventRelayWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RelayEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var region in node.Served)
            {
                try
                {
                    while (await relay.RunOnceAsync(region, stoppingToken).ConfigureAwait(false) >= settings.RelayBatchSize)
                    {
                        // a full batch: more wait
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Nothing is marked unless its event is in the log; the rows come back at the next poll.
                    LogFailed(logger, region, ex);
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.RelayPollSeconds), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Survey feedback relay for region {Region} failed; retrying at the next poll")]
    private static partial void LogFailed(ILogger logger, string region, Exception exception);
}
