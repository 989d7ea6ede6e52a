using CemOnPrem.Audit;
using CemOnPrem.Audit.Records;
using CemOnPrem.Governance.Erasure;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Encryption;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CemOnPrem.Governance.Retention;

/// <summary>
/// Purges what is older than its category's retention period, in every region, skipping customers under legal hold.
/// A dry run does the same work in a transaction it rolls back, so its counts are exactly what a real run would
/// remove at that moment. Inactive customers go the way of an erasure (contributions retired: rollups unchanged).
/// Logs counts only, never an id.
/// </summary>
public sealed partial class RetentionPurge(RegionDatabases regions, RetentionPeriods periods, IAuditTrail audit, TimeProvider time,
    FieldProtection protection, ILogger<RetentionPurge> logger)
{
    public async Task<RetentionReport> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var counts = new List<RetentionCount>();
        var inForce = periods.Effective();
        foreach (var region in regions.Regions)
        {
            await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // Pack-own categories ({pack id}/{code}) are reported, not purged: the host has no rows of them.
            foreach (var (category, days, source) in inForce.Where(p => RetentionCategories.All.Contains(p.Category)))
            {
                var cutoff = now.AddDays(-days);
                var count = category switch
                {
                    RetentionCategories.InactiveCustomers => await PurgeInactiveAsync(connection, transaction, region, cutoff, cancellationToken).ConfigureAwait(false),
                    RetentionCategories.FeedbackFreeText => await PurgeFreeTextAsync(connection, transaction, protection, region, cutoff, cancellationToken).ConfigureAwait(false),
                    _ => await PurgeInvitationsAsync(connection, transaction, region, cutoff, cancellationToken).ConfigureAwait(false),
                };
                counts.Add(count with { Days = days, Source = source });
                LogCategory(logger, dryRun ? "would purge" : "purged", region, category, count.Customers, count.Rows, count.Held);
            }

            if (dryRun)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var report = new RetentionReport(dryRun, now, counts, inForce);
        await audit.RecordAsync(new AuditEntry(dryRun ? AuditActions.PurgeRetentionDryRun : AuditActions.PurgeRetention, "retention", AuditOutcome.Allowed)
        {
            Detail = string.Join(" ", counts.Select(c => $"{c.Region}/{c.Category}={c.Rows}")
                .Concat(inForce.Select(p => $"period:{p.Category}={p.Days}d({p.Source})"))),
        }).ConfigureAwait(false);
        return report;
    }

    private static async Task<RetentionCount> PurgeInactiveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string region, DateTime cutoff,
        CancellationToken cancellationToken)
    {
        // Survivors whose whole stitched family has no event since the cutoff.
        var candidates = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            select c.customer_id from customers c
            where c.merged_into is null
              and not exists (select 1 from events e where e.customer_id = c.customer_id and e.occurred_at >= @cutoff)
              -- a customer whose case is still being handled is not inactive (cases: handling)
              and not exists (select 1 from cases k where k.customer_id = c.customer_id and k.state <> 'closed')
              and not exists (select 1 from customers m join events e on e.customer_id = m.customer_id
                              where m.merged_into = c.customer_id and e.occurred_at >= @cutoff)
            order by c.customer_id
            """, new { cutoff }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        long customers = 0, rows = 0, held = 0;
        foreach (var customerId in candidates)
        {
            var (erased, holds) = await CustomerErasure.EraseAsync(connection, transaction, region, customerId, cancellationToken).ConfigureAwait(false);
            if (erased is null)
            {
                held += holds.Count > 0 ? 1 : 0;
                continue;
            }

            customers += erased.Customers;
            rows += erased.Rows.Values.Sum();
        }

        return new RetentionCount(region, RetentionCategories.InactiveCustomers, cutoff, customers, rows, held);
    }

    private static async Task<RetentionCount> PurgeFreeTextAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, FieldProtection protection,
        string region, DateTime cutoff, CancellationToken cancellationToken)
    {
        // The text is inside each event's encrypted document: clear it there (same key, same binding) and the flag.
        const string Expired = "has_text and occurred_at < @cutoff";
        const string NotHeld = "customer_id not in (select customer_id from legal_holds where released_at is null)";
        var (customers, rows) = await EventPiiRewriter.RewriteAsync(connection, transaction, protection, region, Expired + " and " + NotHeld,
            [new NpgsqlParameter<DateTime>("cutoff", cutoff)], fields => fields with { Text = null }, cancellationToken).ConfigureAwait(false);
        // The customers' grains rebuild their single customer view (it shows recent free text) from the log.
        await connection.ExecuteAsync(new CommandDefinition("update customers set epoch = epoch + 1 where customer_id = any(@ids)",
            new { ids = customers.ToArray() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var held = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"select count(distinct customer_id) from events where {Expired} and not ({NotHeld})", new { cutoff }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new RetentionCount(region, RetentionCategories.FeedbackFreeText, cutoff, customers.Count, rows, held);
    }

    private static async Task<RetentionCount> PurgeInvitationsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string region, DateTime cutoff,
        CancellationToken cancellationToken)
    {
        var result = await connection.QuerySingleAsync<(long Customers, long Rows, long Held)>(new CommandDefinition(
            """
            with held as (select distinct customer_id from legal_holds where released_at is null),
            deleted as (
                delete from survey_invitations where due_at < @cutoff and customer_id not in (select customer_id from held) returning customer_id)
            select (select count(distinct customer_id) from deleted), (select count(*) from deleted),
                   (select count(distinct customer_id) from survey_invitations where due_at < @cutoff and customer_id in (select customer_id from held))
            """, new { cutoff }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new RetentionCount(region, RetentionCategories.SurveyInvitations, cutoff, result.Customers, result.Rows, result.Held);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention {Mode} in region {Region}, category {Category}: {Customers} customers, {Rows} rows ({Held} customers kept by legal hold)")]
    private static partial void LogCategory(ILogger logger, string mode, string region, string category, long customers, long rows, long held);
}
