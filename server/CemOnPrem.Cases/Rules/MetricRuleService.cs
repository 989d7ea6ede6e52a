using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Rules;

/// <summary>
/// Evaluates the metric rules of every region this node serves every <c>Cem:Cases:Rules:MetricIntervalSeconds</c>.
/// Every node runs it; per region one node at a time does the work (<see cref="MetricRuleEvaluator"/>'s lock), so a
/// node that dies hands over at the next interval.
/// </summary>
public sealed partial class MetricRuleService(MetricRuleEvaluator evaluator, RegionDatabases regions, ActiveCaseRules rules,
    IOptions<CaseRulesOptions> options, TimeProvider time, ILogger<MetricRuleService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.MetricIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
                _ = rules.Current(); // reports unknown Disabled entries once the packs are loaded
                foreach (var region in regions.Regions)
                {
                    await evaluator.EvaluateAsync(region, time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Nothing of a failed region's evaluation was committed; the next interval tries again.
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Metric case rule evaluation failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
