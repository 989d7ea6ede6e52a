using System.Diagnostics;
using System.Globalization;
using System.Text;
using CemOnPrem.Bench.Infrastructure;
using Npgsql;

namespace CemOnPrem.Bench.Analytics;

/// <summary>
/// Delay from a 202 to the event counting in the rollups, under live single-event ingest (about 100 events/s).
/// A sampler reads the projection watermark every 10 ms; an event is visible from the first sample whose
/// watermark is above the event's transaction id (rollups and watermark commit together).
/// </summary>
internal static class FreshnessProbe
{
    public static async Task<LatencySummary> MeasureAsync(ServerProcess server, string regionConnection, IReadOnlyList<string> branches, TimeSpan duration)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.IngestToken);
        var clock = Stopwatch.StartNew();
        var sampler = new WatermarkSampler(regionConnection, clock);

        var acks = new List<(string EventId, double AtMs)>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var random = new Random(11);
        var end = duration.TotalMilliseconds;
        for (var i = 0; clock.Elapsed.TotalMilliseconds < end; i++)
        {
            var eventId = string.Create(CultureInfo.InvariantCulture, $"fresh-{tag}-{i}");
            var body = string.Create(CultureInfo.InvariantCulture,
                $$"""{"eventId":"{{eventId}}","source":"bench-fresh","occurredAt":"{{DateTimeOffset.UtcNow.AddSeconds(-1):O}}","region":"cn-east","customer":[{"type":"account","value":"FRESH-{{tag}}-{{i % 5000}}"}],"type":"feedback","touchpoint":"branch-visit","orgUnit":"{{branches[random.Next(branches.Count)]}}","scores":{"nps":{{i % 11}} } }""");
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("api/v1/events", UriKind.Relative), content);
            if ((int)response.StatusCode != 202)
            {
                throw new InvalidOperationException($"freshness probe: POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            acks.Add((eventId, clock.Elapsed.TotalMilliseconds));
            await Task.Delay(10);
        }

        // Let the projection take the last events in, then stop sampling.
        await Task.Delay(TimeSpan.FromSeconds(10));
        var history = sampler.Samples.ToArray();
        await sampler.DisposeAsync();

        var tx = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var connection = new NpgsqlConnection(regionConnection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select event_id, tx::text::bigint from events where source = 'bench-fresh'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tx[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var delays = acks.Select(a => WatermarkSampler.DelayOf(history, a.AtMs, tx[a.EventId])).ToList();

        return LatencySummary.Of(delays);
    }
}
