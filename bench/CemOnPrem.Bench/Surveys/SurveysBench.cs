using System.Globalization;
using CemOnPrem.Bench.Cases;
using CemOnPrem.Bench.Infrastructure;
using CemOnPrem.Bench.Load;
using CemOnPrem.Bench.Reporting;

namespace CemOnPrem.Bench.Surveys;

/// <summary>
/// <c>./cem bench surveys</c>: the three survey targets in one run — invitations dispatched per second through the
/// outbox (<see cref="DispatchBench"/>, in-process on its own PostgreSQL), then, against one real server with the banking
/// pack, the respondent page p95 at N concurrent respondents (<see cref="PageBench"/>) and the delay from a finished
/// response to the metrics (<see cref="ResponseBench"/>).
/// </summary>
internal static class SurveysBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var dispatch = await DispatchBench.RunAsync(args.Int("invitations", 20_000), args.OptionalString("data-dir"), args.Flag("keep"), CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dispatch: {dispatch.Sent:N0} of {dispatch.Invitations:N0} invitations sent in {dispatch.Seconds:0.0} s, {dispatch.InvitationsPerSecond:N0}/s (target >= 1,000/s per node)"));

        await using var postgres = await BenchPostgres.StartAsync(args.OptionalString("data-dir"), args.Flag("keep"));
        var packs = CasesBench.StageBankingPack(postgres.Directory);
        await using var server = await ServerProcess.StartAsync(args.String("server", RepoPaths.ServerDll), postgres, true, "surveys", [],
            [$"CEM__PACKS__DIRECTORY={packs}", "CEM__PACKS__ALLOWUNSIGNED=true"]);
        var page = await PageBench.RunAsync(server.BaseAddress, postgres.ConnectionString("cem_cn_east"), "cn-east",
            "com.cemonprem.banking:post-branch-visit", args.String("survey-version", "1.0.0"), ("a.nps", "9"),
            args.Int("respondents", 200), args.Int("rounds", 5));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"respondent page: {page.Respondents} respondents x {page.Rounds} rounds, {page.Failures} failed; all p95 {page.AllMs.P95:0.0} ms (target <= 50)"));
        var responses = await ResponseBench.RunAsync(server, postgres.ConnectionString("cem_cn_east"), "cn-east", EventBodies.OrgUnits[0],
            args.Int("responses", 1_000), args.Int("concurrency", 8));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"responses: {responses.Responses:N0} completed; -> visible in metrics p50 {responses.ResponseToMetricMs.P50:0} ms p99 {responses.ResponseToMetricMs.P99:0} ms (target p99 <= 5000)"));

        var results = new SurveysResults(dispatch, page, responses);
        Console.WriteLine("results: " + ResultFiles.Write(args.String("out", RepoPaths.Results), "surveys", args.OptionalString("label"), results));
        return page.Failures == 0 && dispatch.Sent == dispatch.Invitations ? 0 : 1;
    }

    private sealed record SurveysResults(DispatchResults Dispatch, PageBenchResults Page, ResponseBenchFigures Responses);
}
