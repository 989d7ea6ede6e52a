using System.Text.Json;
using CemOnPrem.Analytics.Projection;
using CemOnPrem.Testing;
using Npgsql;
using Xunit;

namespace CemOnPrem.Analytics.Tests.Projection;

/// <summary>
/// The projection cycle's "what changed" read must stop after its limit in <c>tx</c> order. It once ordered by its
/// converted output column instead, so PostgreSQL read and sorted the whole unprojected backlog on every cycle
/// (2.3 s per cycle during a 10M-event bulk projection; docs/performance.md, sixth session). Whatever plan the
/// planner picks, a sort in it must be on the column itself.
/// </summary>
public sealed class ProjectionQueryPlanTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    [Fact]
    public async Task The_changed_events_read_sorts_by_the_tx_column_never_by_its_converted_value()
    {
        await using var connection = await databases.Regions.For(MigratedDatabases.EuCentral).OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var explain = new NpgsqlCommand("explain (format json, verbose) " + ProjectionStore.ChangedEventsSql, connection);
        explain.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0 });
        explain.Parameters.Add(new NpgsqlParameter<long> { TypedValue = long.MaxValue / 2 });
        explain.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 5000 });
        var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);

        var sortKeys = SortKeys(plan.RootElement).ToList();
        var ordered = sortKeys.Count > 0 || UsesTxIndex(plan.RootElement);

        Assert.True(ordered, plan.RootElement.ToString());
        Assert.All(sortKeys, key => Assert.DoesNotContain("::text", key, StringComparison.Ordinal));
    }

    private static IEnumerable<string> SortKeys(JsonElement element) => Walk(element)
        .Where(node => node.TryGetProperty("Sort Key", out _))
        .SelectMany(node => node.GetProperty("Sort Key").EnumerateArray().Select(key => key.GetString()!));

    private static bool UsesTxIndex(JsonElement element) =>
        Walk(element).Any(node => node.TryGetProperty("Index Name", out var index) && index.GetString() == "events_tx");

    private static IEnumerable<JsonElement> Walk(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            foreach (var property in element.EnumerateObject())
            {
                foreach (var inner in Walk(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in Walk(item))
                {
                    yield return inner;
                }
            }
        }
    }
}
