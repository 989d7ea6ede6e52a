using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Analytics.Projection;

/// <summary>Verification jobs started through the admin API, kept in this node's memory (results are for the operator at hand).</summary>
public sealed class AnalyticsJobs(RollupVerifier verifier, IHostApplicationLifetime lifetime)
{
    public const int MaxKept = 50;
    private readonly ConcurrentDictionary<Guid, VerifyJob> _jobs = new();

    public VerifyJob Start(string region)
    {
        var job = new VerifyJob(Guid.NewGuid(), region, DateTimeOffset.UtcNow);
        foreach (var old in _jobs.Values.OrderByDescending(j => j.StartedAt).Skip(MaxKept - 1))
        {
            _jobs.TryRemove(old.Id, out _);
        }

        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job), CancellationToken.None);
        return job;
    }

    public VerifyJob? Find(Guid id) => _jobs.GetValueOrDefault(id);

    private async Task RunAsync(VerifyJob job)
    {
        try
        {
            job.Result = await verifier.VerifyAsync(job.Region, new Progress<long>(n => job.CustomersDone = n), lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            job.Failure = ex is OperationCanceledException ? "cancelled: the server is stopping" : $"failed: {ex.GetType().Name}";
        }
        finally
        {
            job.FinishedAt = DateTimeOffset.UtcNow;
        }
    }
}

/// <summary>A running or finished verification.</summary>
public sealed class VerifyJob(Guid id, string region, DateTimeOffset startedAt)
{
    public Guid Id { get; } = id;

    public string Region { get; } = region;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public DateTimeOffset? FinishedAt { get; set; }

    public long CustomersDone { get; set; }

    public RollupVerification? Result { get; set; }

    public string? Failure { get; set; }

    public string Status => FinishedAt is null ? "running" : Failure is not null ? "failed" : Result is { Conclusive: false } ? "inconclusive" : Result!.Equal ? "equal" : "different";
}
