using CemOnPrem.Bench;
using CemOnPrem.Bench.Memory;

const string Usage = """
    usage: CemOnPrem.Bench ingest [options]     real server + same-run ceilings (see docs/performance.md)
           CemOnPrem.Bench memory [options]     managed heap per active customer grain
           CemOnPrem.Bench analytics [options]  rollup queries vs raw GROUP BY at 1M/10M events, freshness
           CemOnPrem.Bench audit [options]      audit appends/s; ingest throughput with the ingest audit on vs off
           CemOnPrem.Bench cases [options]      detractor burst through ingest: cases opened/s, 202 -> case visible
           CemOnPrem.Bench surveys [options]    invitations dispatched/s, respondent page p95, response -> metrics delay
           CemOnPrem.Bench surveys-page [options] respondent page GET+POST latency at N concurrent respondents
           CemOnPrem.Bench survey-responses [options] response -> visible in metrics delay
    ingest: --duration 30s --warmup 5s --concurrency 64 --mode single|batch|all --batch-size 500 --batch-concurrency 8
            --sync on|off|both --rate <events/s offered in the paced run; default 80 % of 5,000/core> --rate-concurrency 256
            --customers 50000 --no-ceilings --ceiling-duration 10s --server <CemOnPrem.Server.dll>
            --server-setting Key:Sub=value (repeatable, passed to the server's command line) --server-env NAME=value (repeatable)
            --label <name> --out <dir>
            --data-dir <parent folder of the throwaway cluster; default /tmp> --keep
    memory: --customers 100000 --label <name> --out <dir> --data-dir <dir> --keep
    analytics: --events 1000000,10000000 --queries 100 --naive-runs 5 --freshness 30s --server <dll> --label --out --data-dir --keep
    audit:  --duration 20s --warmup 5s --concurrency 64 --batch-size 500 --batch-concurrency 8 --rounds 2 --mode batch|single|all
            --customers 50000 --server <CemOnPrem.Server.dll> --label <name> --out <dir> --data-dir <dir> --keep
    surveys: --invitations 20000 --respondents 200 --rounds 5 --responses 1000 --concurrency 8 --server <dll> --label --out --data-dir --keep
    survey-responses: --responses 1000 --concurrency 8 --server <dll> --data-dir --keep
    surveys-page: --respondents 200 --rounds 5 --survey-version 1.0.0 --server <dll> --label --out --data-dir --keep
    cases:  --events 100000 --batch-size 500 --concurrency 4 --server <CemOnPrem.Server.dll> --label <name> --out <dir> --data-dir <dir> --keep
    """;

if (args.Length == 0 || args[0] is "help" or "-h" or "--help")
{
    Console.WriteLine(Usage);
    return 0;
}

try
{
    var options = new BenchArgs(args.Skip(1));
    return args[0] switch
    {
        "ingest" => await IngestBench.RunAsync(options),
        "memory" => await GrainMemoryBench.RunAsync(options),
        "analytics" => await CemOnPrem.Bench.Analytics.AnalyticsBench.RunAsync(options),
        "audit" => await CemOnPrem.Bench.Audit.AuditBench.RunAsync(options),
        "cases" => await CemOnPrem.Bench.Cases.CasesBench.RunAsync(options),
        "surveys" => await CemOnPrem.Bench.Surveys.SurveysBench.RunAsync(options),
        "surveys-page" => await CemOnPrem.Bench.Surveys.PageBenchCommand.RunAsync(options),
        "survey-responses" => await CemOnPrem.Bench.Surveys.ResponseBenchCommand.RunAsync(options),
        _ => throw new ArgumentException($"Unknown bench '{args[0]}'."),
    };
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"bench: {ex.Message}\n{Usage}");
    return 2;
}
