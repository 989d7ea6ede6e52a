using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CemOnPrem.Bench.Analytics;
using CemOnPrem.Bench.Infrastructure;
using CemOnPrem.Surveys.Invitations;
using Npgsql;

namespace CemOnPrem.Bench.Surveys;

/// <summary>What the response bench measured: completions per second through the API, and the delay from each 201 to the response counting in the metrics.</summary>
internal sealed record ResponseBenchFigures(int Responses, double ResponsesPerSecond, LatencySummary ResponseToMetricMs);

/// <summary>
/// Part of <c>./cem bench surveys</c>: response → visible in metrics. Stores <c>responses</c> anonymous invitations to
/// the banking pack's <c>post-branch-visit</c> survey, finishes each through <c>POST /api/v1/surveys/responses</c>
/// (channel client, one at a time per worker), and samples the projection watermark every 10 ms: a response is visible
/// from the first sample above its feedback event's transaction (rollups and watermark commit together). Target: p99 ≤ 5 s.
/// </summary>
internal static class ResponseBench
{
    public const string SurveyKey = "com.cemonprem.banking:post-branch-visit";
    public const string SurveyVersion = "1.0.0";

    public static async Task<ResponseBenchFigures> RunAsync(ServerProcess server, string regionConnection, string region, string orgUnit, int responses, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(server);
        var tokens = await InvitationsAsync(regionConnection, region, orgUnit, responses);
        var clock = Stopwatch.StartNew();
        var sampler = new WatermarkSampler(regionConnection, clock);

        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.IngestToken);
        var acks = new ConcurrentBag<(string ResponseId, double AtMs)>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < tokens.Count)
            {
                acks.Add((await CompleteAsync(http, tokens[i], i), clock.Elapsed.TotalMilliseconds));
            }
        }));
        var lastAck = acks.Max(a => a.AtMs);

        // Until every response's event is under the watermark, or 60 s after the last 201.
        var events = await EventTransactionsAsync(regionConnection);
        while (clock.Elapsed.TotalMilliseconds < lastAck + 60_000 && acks.Any(a => !sampler.Samples.Any(s => s.Watermark > events.GetValueOrDefault(a.ResponseId, long.MaxValue))))
        {
            await Task.Delay(200);
        }

        var history = sampler.Samples.ToArray();
        await sampler.DisposeAsync();
        var delays = acks.Select(a => WatermarkSampler.DelayOf(history, a.AtMs, events.GetValueOrDefault(a.ResponseId, long.MaxValue))).ToList();
        return new ResponseBenchFigures(tokens.Count, tokens.Count / (lastAck / 1000), LatencySummary.Of(delays));
    }

    private static async Task<string> CompleteAsync(HttpClient http, string token, int i)
    {
        // A realistic spread: NPS 0-10, CSAT 1-5; detractors say why.
        var nps = i % 11;
        var why = nps <= 6 ? """, "what-went-wrong": ["wait-time"]""" : "";
        var body = string.Create(CultureInfo.InvariantCulture, $$$"""{"token":"{{{token}}}","complete":true,"answers":{"nps":{{{nps}}},"csat":{{{1 + (i % 5)}}}{{{why}}}}}""");
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("api/v1/surveys/responses", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (int)response.StatusCode == 201
            ? JsonDocument.Parse(text).RootElement.GetProperty("responseId").GetString()!
            : throw new InvalidOperationException($"response bench: POST answered {(int)response.StatusCode}: {text}");
    }

    /// <returns>The invitations' link tokens (only their hashes are stored).</returns>
    private static async Task<List<string>> InvitationsAsync(string regionConnection, string region, string orgUnit, int count)
    {
        var tokens = Enumerable.Range(0, count).Select(_ => InvitationTokens.New()).ToList();
        await using var connection = new NpgsqlConnection(regionConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            insert into invitations (invitation_id, region, survey_key, survey_version, origin, org_unit, touchpoint, language, channel, token_hash, status,
                created_at, created_by, send_after, sent_at, expires_at)
            select gen_random_uuid(), $1, $2, $3, 'anonymous', $4, 'branch-visit-completed', 'zh', 'anonymous', h, 'sent', now(), 'bench', now(), now(), now() + interval '14 days'
            from unnest($5::bytea[]) as h
            """, connection);
        foreach (var value in new object[] { region, SurveyKey, SurveyVersion, orgUnit, tokens.Select(t => t.Hash).ToArray() })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
        return [.. tokens.Select(t => t.Token)];
    }

    private static async Task<Dictionary<string, long>> EventTransactionsAsync(string regionConnection)
    {
        var tx = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(regionConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select event_id, tx::text::bigint from events where source = 'survey'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tx[reader.GetString(0)] = reader.GetInt64(1);
        }

        return tx;
    }
}
