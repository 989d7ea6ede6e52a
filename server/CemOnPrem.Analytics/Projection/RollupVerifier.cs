using CemOnPrem.Analytics.Derivation;
using CemOnPrem.Analytics.Model;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Storage.Databases;
using Npgsql;

namespace CemOnPrem.Analytics.Projection;

/// <summary>The outcome of checking one region's rollups against a full recompute from its raw events.</summary>
public sealed record RollupVerification(string Region, bool Conclusive, long Customers, RollupComparison? Comparison, string? Note)
{
    public bool Equal => Conclusive && Comparison is { DifferentCells: 0 };
}

/// <summary>
/// Recomputes a region's rollups from scratch (every customer's whole history through the same derivation the
/// projector uses) and compares them cell by cell with the stored ones. It first lets the projector catch up,
/// then compares inside one snapshot while holding the checkpoint; if ingest keeps the projection from being
/// caught up in that snapshot it retries, and finally says the check was inconclusive rather than report
/// differences that are only lag.
/// </summary>
public sealed class RollupVerifier(AnalyticsProjector projector, RegionDatabases regions, IAnalyticsModels models, TimeProvider time)
{
    public const int Attempts = 5;
    public const int ListedDifferences = 20;

    public async Task<RollupVerification> VerifyAsync(string region, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            await projector.CatchUpAsync(region, cancellationToken).ConfigureAwait(false);
            try
            {
                await using var snapshot = await RecomputeSnapshot.OpenAsync(regions, region, cancellationToken).ConfigureAwait(false);
                if (!snapshot.IsCaughtUp)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var derivation = new CustomerDerivation(models.Current, models.ContributeAsync);
                var now = snapshot.ProjectedAt ?? time.GetUtcNow();
                var recomputed = new RollupCells();
                long customers = 0;
                await foreach (var (customerId, events) in snapshot.ReadCustomersAsync(cancellationToken).ConfigureAwait(false))
                {
                    recomputed.Add((await derivation.DeriveAsync(customerId, events, now, cancellationToken).ConfigureAwait(false)).Cells);
                    if (++customers % 10_000 == 0)
                    {
                        progress?.Report(customers);
                    }
                }

                recomputed.Add(await snapshot.ReadRetiredAsync(cancellationToken).ConfigureAwait(false));
                recomputed.RemoveEmpty();
                progress?.Report(customers);
                var comparison = await snapshot.CompareAsync(recomputed, ListedDifferences, cancellationToken).ConfigureAwait(false);
                return new RollupVerification(region, true, customers, comparison, null);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.SerializationFailure)
            {
                // A projection cycle committed between our snapshot and our lock: take a fresh snapshot.
            }
        }

        return new RollupVerification(region, false, 0, null,
            $"Ingest kept the projection from being caught up in {Attempts} attempts; run again when the region is quieter.");
    }
}
