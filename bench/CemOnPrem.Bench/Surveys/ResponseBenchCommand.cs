using System.Globalization;
using CemOnPrem.Bench.Cases;
using CemOnPrem.Bench.Infrastructure;
using CemOnPrem.Bench.Load;

namespace CemOnPrem.Bench.Surveys;

/// <summary>
/// <c>bench survey-responses --responses N --concurrency C</c>: <see cref="ResponseBench"/> on its own (the real server
/// with the banking pack, region cn-east), until <c>./cem bench surveys</c> runs it with the other survey parts.
/// </summary>
internal static class ResponseBenchCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        await using var postgres = await BenchPostgres.StartAsync(args.OptionalString("data-dir"), args.Flag("keep"));
        var packs = CasesBench.StageBankingPack(postgres.Directory);
        await using var server = await ServerProcess.StartAsync(args.String("server", RepoPaths.ServerDll), postgres, true, "surveys", [],
            [$"CEM__PACKS__DIRECTORY={packs}", "CEM__PACKS__ALLOWUNSIGNED=true"]);
        var figures = await ResponseBench.RunAsync(server, postgres.ConnectionString("cem_cn_east"), "cn-east", EventBodies.OrgUnits[0],
            args.Int("responses", 1_000), args.Int("concurrency", 8));
        var latency = figures.ResponseToMetricMs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"survey responses: {figures.Responses:N0} completed, {figures.ResponsesPerSecond:N0}/s; 201 -> visible in metrics p50 {latency.P50:0} ms p99 {latency.P99:0} ms max {latency.Max:0} ms (target p99 <= 5000 ms)"));
        return 0;
    }
}
