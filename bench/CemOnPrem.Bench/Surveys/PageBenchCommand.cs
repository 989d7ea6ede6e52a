using System.Globalization;
using CemOnPrem.Bench.Cases;
using CemOnPrem.Bench.Infrastructure;
using CemOnPrem.Bench.Reporting;

namespace CemOnPrem.Bench.Surveys;

/// <summary>
/// <c>CemOnPrem.Bench surveys-page</c>: the respondent page part on its own (the real server with the banking pack, its
/// <c>post-branch-visit</c> survey); <c>./cem bench surveys</c> calls <see cref="PageBench.RunAsync"/> with its own server.
/// </summary>
internal static class PageBenchCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        await using var postgres = await BenchPostgres.StartAsync(args.OptionalString("data-dir"), args.Flag("keep"));
        var packs = CasesBench.StageBankingPack(postgres.Directory);
        await using var server = await ServerProcess.StartAsync(args.String("server", RepoPaths.ServerDll), postgres, true, "survey-page", [],
            [$"CEM__PACKS__DIRECTORY={packs}", "CEM__PACKS__ALLOWUNSIGNED=true"]);
        var results = await PageBench.RunAsync(server.BaseAddress, postgres.ConnectionString("cem_cn_east"), "cn-east",
            "com.cemonprem.banking:post-branch-visit", args.String("survey-version", "1.0.0"), ("a.nps", "9"),
            args.Int("respondents", 200), args.Int("rounds", 5));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"respondent page: {results.Respondents} respondents x {results.Rounds} rounds, {results.Failures} failed, {results.RequestsPerSecond:0} requests/s; " +
            $"GET p50 {results.GetMs.P50:0.0} p95 {results.GetMs.P95:0.0} ms; POST p50 {results.PostMs.P50:0.0} p95 {results.PostMs.P95:0.0} ms; all p95 {results.AllMs.P95:0.0} ms (target <= 50)"));
        Console.WriteLine("results: " + ResultFiles.Write(args.String("out", RepoPaths.Results), "survey-page", args.OptionalString("label"), results));
        return results.Failures == 0 ? 0 : 1;
    }
}
