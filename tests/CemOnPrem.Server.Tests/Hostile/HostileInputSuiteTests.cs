using System.Diagnostics;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Access;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Hostile;

/// <summary>
/// The hostile-input suite: every endpoint of the authorization matrix, called by a caller allowed to call it, with
/// control characters, line breaks, edge dates, junk identities, odd and oversized values in every route value,
/// query parameter, JSON value and CSV cell, and with bodies of the wrong shape or type. Whatever the server answers,
/// it answers it well: never a 5xx, every 4xx problem+json that names no .NET type, forbidden control characters
/// never accepted, and a refused write stores nothing.
/// </summary>
public sealed class HostileInputSuiteTests(MatrixFixture matrix) : IClassFixture<MatrixFixture>
{
    private static readonly string[] InternalWords = ["System.", "Microsoft.", "CemOnPrem.", "Exception", "Did you mean", "Failed to read parameter", "Failed to bind parameter"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_endpoint_answers_hostile_input_with_a_problem_and_stores_nothing()
    {
        var state = await StoredState.CreateAsync(matrix.Server.Databases);
        var failures = new List<string>();
        var sent = 0;
        var clock = Stopwatch.StartNew();
        foreach (var entry in AccessMatrix.Entries)
        {
            var caller = matrix.Callers.First(entry.Allowed);
            using var valid = entry.Request(matrix.Target);
            // What is stored now; moved on only by a request that was accepted.
            var stored = await state.SnapshotAsync();
            foreach (var hostile in await HostileRequests.ForAsync(entry, valid))
            {
                using var request = hostile.ToMessage();
                using var response = await caller.Http.SendAsync(request, Cancellation);
                sent++;
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync(Cancellation);
                if (Verdict(hostile, status, response.Content.Headers.ContentType?.MediaType, body) is { } wrong)
                {
                    failures.Add($"{hostile}: {wrong}");
                }

                if (!hostile.Writes)
                {
                    continue;
                }

                var now = await state.SnapshotAsync();
                if (status is >= 400 and < 500 && now != stored)
                {
                    failures.Add($"{hostile}: refused with {status} but stored something ({stored} -> {now})");
                }

                stored = now;
            }
        }

        TestContext.Current.SendDiagnosticMessage($"hostile suite: {sent} requests in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile requests answered badly:\n" + string.Join("\n", failures.Take(60)));
        Assert.True(sent > 1000, $"only {sent} hostile requests were derived");
    }

    [Theory]
    [InlineData("GET", "/api/v1/no-such-thing")]
    [InlineData("DELETE", "/api/v1/org-units/north")]
    [InlineData("PATCH", "/api/v1/metrics")]
    public async Task Requests_the_routing_refuses_are_answered_with_a_problem(string method, string url)
    {
        var admin = matrix.Callers.First(c => c.IsRole(CemRoles.Admin) && c.InScope);

        using var response = await admin.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url), Cancellation);

        Assert.True((int)response.StatusCode is 404 or 405, $"{(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <returns>Null when the answer is acceptable; otherwise what is wrong with it.</returns>
    private static string? Verdict(HostileRequest hostile, int status, string? mediaType, string body)
    {
        if (status >= 500)
        {
            return $"answered {status}: {Shorten(body)}";
        }

        if (status >= 400 && mediaType != "application/problem+json")
        {
            return $"answered {status} as '{mediaType}', not problem+json: {Shorten(body)}";
        }

        if (status >= 400 && InternalWords.FirstOrDefault(word => body.Contains(word, StringComparison.Ordinal)) is { } word)
        {
            return $"answered {status} naming the code ('{word}'): {Shorten(body)}";
        }

        // A batch answers 207 with one result per item: the item is what was refused or accepted.
        if (status == 207)
        {
            var items = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("results").EnumerateArray()
                .Select(item => item.GetProperty("status").GetInt32()).ToList();
            if (items.Any(item => item >= 500))
            {
                return $"answered an item with 5xx: {Shorten(body)}";
            }

            status = items.Count > 0 && items.All(item => item >= 400) ? 400 : 200;
        }

        // A forbidden control character is never accepted, wherever it was put; nor a line break in a URL.
        var mustRefuse = hostile.Kind == "control" || (hostile.Kind == "line-break" && !hostile.Where.StartsWith("json", StringComparison.Ordinal) &&
            !hostile.Where.StartsWith("csv", StringComparison.Ordinal));
        return mustRefuse && status < 400 ? $"accepted ({status}) a value it must refuse" : null;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
