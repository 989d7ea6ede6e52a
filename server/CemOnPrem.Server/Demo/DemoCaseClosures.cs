using CemOnPrem.Contracts.Cases;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Storage.Databases;
using Dapper;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Server.Demo;

/// <summary>
/// For <c>./cem run</c>: so the demo shows the whole loop, about a third of the cases the demo data opens (those whose
/// id hashes to 0 mod 3, the same ones after a restart) are taken, resolved with a recorded call and closed by the demo
/// admin through the case grain — the same edits an agent makes through the API. Runs until the demo's rule cases have
/// stopped appearing (the projection opens them shortly after the seeding).
/// </summary>
internal sealed partial class DemoCaseClosures(
    IOptions<CemOptions> options, RegionDatabases regions, IGrainFactory grains, IHostApplicationLifetime lifetime, TimeProvider time,
    ILogger<DemoCaseClosures> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private const int QuietPollsBeforeDone = 12; // a minute without a new demo case: the seeding's cases are all open

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await DemoStart.WaitAsync(options.Value, lifetime, stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        var closed = 0;
        for (var quiet = 0; quiet < QuietPollsBeforeDone && !stoppingToken.IsCancellationRequested;)
        {
            await Task.Delay(Poll, time, stoppingToken).ConfigureAwait(false);
            var round = 0;
            foreach (var region in regions.Regions)
            {
                round += await CloseSomeAsync(region, stoppingToken).ConfigureAwait(false);
            }

            closed += round;
            quiet = round == 0 ? quiet + 1 : 0;
        }

        LogClosed(logger, closed);
    }

    private async Task<int> CloseSomeAsync(string region, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var candidates = await connection.QueryAsync<(string CaseId, int Version)>(new CommandDefinition(
            "select case_id, version from cases where origin = 'rule' and state = 'new' and hashtext(case_id) % 3 = 0 order by case_id limit 50",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var closed = 0;
        foreach (var (caseId, version) in candidates)
        {
            var grain = grains.GetGrain<ICaseGrain>($"{region}/{caseId}");
            var taken = await grain.TransitionAsync(new CaseTransitionEdit(version, DevCredentials.AdminUser, "in-progress", null)).ConfigureAwait(false);
            var call = new CaseResolution("phone", time.GetUtcNow(), "explained", null);
            var resolved = taken.Status == CaseEditStatus.Applied
                ? await grain.TransitionAsync(new CaseTransitionEdit(taken.Version, DevCredentials.AdminUser, "resolved", call)).ConfigureAwait(false)
                : taken;
            var done = resolved.Status == CaseEditStatus.Applied
                ? await grain.TransitionAsync(new CaseTransitionEdit(resolved.Version, DevCredentials.AdminUser, "closed", null)).ConfigureAwait(false)
                : resolved;
            closed += done.Status == CaseEditStatus.Applied ? 1 : 0;
        }

        return closed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo cases: {Closed} demo cases resolved with a recorded call and closed")]
    private static partial void LogClosed(ILogger logger, int closed);
}
