using System.Net;
using System.Text.Json;

namespace CemOnPrem.Cluster.Tests.Support;

internal static class ClusterAssertions
{
    private static readonly int[] AcceptedOrRetryable = [202, 503];

    /// <summary>No answer other than 202 and 503 (in particular no 500), and every 503 was problem+json with Retry-After.</summary>
    /// <param name="logDirectory">Where the nodes write their logs: their error lines go into the failure message (a 500's
    /// trace id leads there, and the folder is gone once the test has cleaned up).</param>
    public static void ClientsSawOnlyAcceptedOrRetryable(LoadClient load, string? logDirectory = null)
    {
        // The whole answers in the message (Assert.Empty would truncate them): a 500's problem body says what broke.
        Assert.True(load.UnexpectedAnswers.IsEmpty,
            "unexpected answers:\n" + string.Join("\n", load.UnexpectedAnswers) + ErrorLines(logDirectory));
        Assert.All(load.Statuses.Keys, status => Assert.Contains(status, AcceptedOrRetryable));
        Assert.Equal(load.UnavailableAtMs.Count, load.WellFormedUnavailable);
    }

    private static string ErrorLines(string? logDirectory)
    {
        if (logDirectory is null || !Directory.Exists(logDirectory))
        {
            return "";
        }

        var lines = Directory.EnumerateFiles(logDirectory, "*.log").Order(StringComparer.Ordinal)
            .SelectMany(file => File.ReadLines(file).Select((line, n) => (File: Path.GetFileName(file), Line: line, N: n)))
            .Where(l => l.Line.Contains(" ERR]", StringComparison.Ordinal) || l.Line.Contains(" FTL]", StringComparison.Ordinal))
            .Take(20)
            .SelectMany(l => File.ReadLines(Path.Combine(logDirectory, l.File)).Skip(l.N).Take(25).Select(line => $"{l.File}: {line}"));
        return "\nnode error lines (each with the 24 lines after it):\n" + string.Join("\n", lines);
    }

    /// <summary>Every acknowledged event is in its region's log exactly once.</summary>
    public static async Task EveryAcknowledgedEventIsStoredOnceAsync(ClusterDatabases databases, IReadOnlyCollection<Ack> acks)
    {
        Assert.Equal(acks.Count, acks.Select(ack => ack.EventId).Distinct().Count());
        foreach (var region in acks.GroupBy(ack => ack.Region))
        {
            var ids = region.Select(ack => ack.EventId).ToList();
            var stored = await databases.StoredCountsAsync(region.Key, LoadClient.Source, ids);
            Assert.All(ids, id => Assert.True(stored.ContainsKey(id), $"Acknowledged event {id} is not stored."));
            Assert.All(stored, pair => Assert.Equal(1, pair.Value));
        }
    }

    /// <summary>Every customer's grain answers through <paramref name="node"/> and counts exactly its acknowledged events.</summary>
    public static async Task EveryCustomerAnswersWithItsEventsAsync(Uri node, string dataDirectory, IReadOnlyCollection<Ack> acks)
    {
        using var http = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await DevAdmin.TokenAsync(node, dataDirectory));
        http.DefaultRequestHeaders.Add("X-Cem-Purpose", "case-handling");
        foreach (var customer in acks.GroupBy(ack => (ack.Region, ack.CustomerId)))
        {
            using var response = await http.GetAsync(new Uri($"/api/v1/customers/{customer.Key.Region}/{customer.Key.CustomerId}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(customer.Count(), view.RootElement.GetProperty("eventCount").GetInt64());
        }
    }
}
