using System.Net;
using System.Text.Json;
using CemOnPrem.Audit.Records;
using CemOnPrem.Audit.Tests.Support;
using CemOnPrem.Testing.Postgres;
using Dapper;
using Npgsql;

namespace CemOnPrem.Audit.Tests.Http;

/// <summary>A node starting on a chain whose signed tail was deleted while it was down reports it at once: /readyz degraded (still 200), a record of the finding, no checkpoint over the gap.</summary>
public sealed class BrokenTailAtStartupTests(PostgresServer postgres)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_started_on_a_deleted_signed_tail_reports_it_degraded_and_records_it()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "cem-audit-test-" + Guid.NewGuid().ToString("N")[..10]);
        var control = await postgres.CreateDatabaseAsync("audit_tail_control");
        var regions = new Dictionary<string, string>
        {
            [AuditServerFixture.Eu] = await postgres.CreateDatabaseAsync("audit_tail_eu"),
            [AuditServerFixture.Cn] = await postgres.CreateDatabaseAsync("audit_tail_cn"),
        };
        long signed;
        await using (var first = new AuditServerFactory(control, regions, dataDirectory))
        {
            using var client = first.CreateClient();
            signed = await EventuallyAsync<long>(async () => await ScalarAsync(control, "select coalesce(max(sequence), 0) from audit_checkpoints") is > 0 and var s ? s : null);
        }

        signed = await ScalarAsync(control, "select max(sequence) from audit_checkpoints") ?? signed;
        var firstDeleted = Math.Max(1, signed - 1);
        await using (var connection = new NpgsqlConnection(control))
        {
            await connection.ExecuteAsync($"""
                alter table audit_records disable trigger user;
                delete from audit_records where sequence >= {firstDeleted};
                alter table audit_records enable trigger user;
                """);
        }

        await using var second = new AuditServerFactory(control, regions, dataDirectory);
        using var probe = second.CreateClient();
        var ready = await EventuallyAsync<JsonElement>(async () =>
        {
            using var response = await probe.GetAsync("/readyz", Cancellation);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement.Clone();
            return response.StatusCode == HttpStatusCode.OK && body.GetProperty("status").GetString() == "degraded" ? (JsonElement?)body : null;
        });

        // The anonymous probe says only that; where the chain broke is in the audit record, the log and the metric.
        Assert.Equal("degraded", ready.GetProperty("checks").GetProperty("audit-chain").GetString());
        Assert.Equal(signed, await ScalarAsync(control, "select max(sequence) from audit_checkpoints"));
        var recorded = await EventuallyAsync<long>(() => ScalarAsync(control, $"select min(sequence) from audit_records where action = '{AuditActions.AuditChainBroken}'"));
        Assert.True(recorded > signed, $"the finding was recorded at {recorded}, inside the signed range up to {signed}");
        await using (var connection = new NpgsqlConnection(control))
        {
            var detail = await connection.ExecuteScalarAsync<string>($"select detail from audit_records where sequence = {recorded}");
            Assert.StartsWith($"broken-at={firstDeleted} ", detail, StringComparison.Ordinal);
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    private static async Task<long?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<long?>(sql);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> attempt) where T : struct
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            if (await attempt() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not within {Bound.TotalSeconds} s");
            await Task.Delay(200, Cancellation);
        }
    }
}
