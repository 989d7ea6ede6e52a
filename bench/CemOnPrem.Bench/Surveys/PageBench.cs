using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CemOnPrem.Bench.Analytics;
using Npgsql;

namespace CemOnPrem.Bench.Surveys;

/// <summary>
/// The respondent page under load (part of <c>./cem bench surveys</c>): <c>respondents</c> concurrent browsers, each with
/// its own invitation and cookies, each round a GET of the first page and the POST of its form (antiforgery checked,
/// the answer saved through the real response store, 302 to the next page). Latency of each request, p95 target ≤ 50 ms.
/// </summary>
internal static partial class PageBench
{
    /// <param name="baseAddress">A running server (the caller starts it, with the pack that declares <paramref name="surveyKey"/>).</param>
    /// <param name="regionConnection">The region database the invitations are written to.</param>
    /// <param name="answer">The form field and value that answer the first page (e.g. <c>a.nps</c>, <c>9</c>).</param>
    public static async Task<PageBenchResults> RunAsync(Uri baseAddress, string regionConnection, string region, string surveyKey, string surveyVersion,
        (string Field, string Value) answer, int respondents = 200, int rounds = 5)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var tokens = await InviteAsync(regionConnection, region, surveyKey, surveyVersion, respondents);
        var (gets, posts) = (new List<double>(respondents * rounds), new List<double>(respondents * rounds));
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(tokens.Select(async token =>
        {
            using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            for (var round = 0; round < rounds; round++)
            {
                var started = clock.Elapsed.TotalMilliseconds;
                using var page = await http.GetAsync(new Uri($"/s/{token}?page=0", UriKind.Relative));
                var html = await page.Content.ReadAsStringAsync();
                var got = clock.Elapsed.TotalMilliseconds;
                var form = Hidden().Matches(html).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))
                    .Append(new(answer.Field, answer.Value)).ToList();
                using var content = new FormUrlEncodedContent(form);
                using var posted = await http.PostAsync(new Uri($"/s/{token}", UriKind.Relative), content);
                var done = clock.Elapsed.TotalMilliseconds;
                lock (gets)
                {
                    gets.Add(got - started);
                    posts.Add(done - got);
                    failures += page.StatusCode == HttpStatusCode.OK && posted.StatusCode == HttpStatusCode.Redirect ? 0 : 1;
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        return new PageBenchResults(respondents, rounds, failures, (gets.Count + posts.Count) / seconds, LatencySummary.Of(gets), LatencySummary.Of(posts),
            LatencySummary.Of([.. gets, .. posts]));
    }

    /// <summary>One open invitation per respondent, written as the invitations part writes them (only the token's SHA-256 kept).</summary>
    private static async Task<List<string>> InviteAsync(string regionConnection, string region, string surveyKey, string surveyVersion, int count)
    {
        await using var connection = new NpgsqlConnection(regionConnection);
        await connection.OpenAsync();
        var tokens = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            await using var insert = new NpgsqlCommand("""
                insert into invitations (invitation_id, region, survey_key, survey_version, origin, language, channel, token_hash, status,
                    created_at, created_by, send_after, sent_at, expires_at)
                values ($1, $2, $3, $4, 'manual', 'en', 'link', $5, 'sent', now(), 'bench', now(), now(), now() + interval '1 day')
                """, connection);
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = region });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = surveyKey });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = surveyVersion });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SHA256.HashData(Encoding.ASCII.GetBytes(token)) });
            await insert.ExecuteNonQueryAsync();
            tokens.Add(token);
        }

        return tokens;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex Hidden();
}
