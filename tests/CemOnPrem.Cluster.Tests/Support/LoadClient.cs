using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CemOnPrem.Cluster.Tests.Support;

/// <summary>
/// A channel posting events continuously to the nodes of a cluster, as a well-behaved client behind a load balancer:
/// round-robin over the nodes, a node that refused a connection skipped for <see cref="NodeDownFor"/> (as a load
/// balancer's passive health check does), and every event retried on another node until it is acknowledged —
/// after a connection failure, a timeout or a 503 (waiting its Retry-After). Records every acknowledgement and every
/// answer it saw.
/// </summary>
internal sealed class LoadClient : IDisposable
{
    public const string Source = "cluster-load";
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan NodeDownFor = TimeSpan.FromSeconds(2);
    private readonly IReadOnlyList<Uri> _nodes;
    private readonly HttpClient _http;
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private readonly int _customersPerRegion;
    private readonly Stopwatch _clock = new();
    private readonly long[] _downUntilMs;
    private int _nextEvent;
    private int _nextNode;

    public LoadClient(IReadOnlyList<Uri> nodes, string accessToken, int customersPerRegion)
    {
        _nodes = nodes;
        _downUntilMs = new long[nodes.Count];
        _customersPerRegion = customersPerRegion;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30), ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            Timeout = TimeSpan.FromSeconds(20),
        };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
    }

    /// <summary>Milliseconds since the load started: the time axis of <see cref="Acks"/>.</summary>
    public double ElapsedMs => _clock.Elapsed.TotalMilliseconds;

    public ConcurrentBag<Ack> Acks { get; } = [];

    public ConcurrentDictionary<int, int> Statuses { get; } = new();

    public ConcurrentBag<string> UnexpectedAnswers { get; } = [];

    public ConcurrentBag<double> UnavailableAtMs { get; } = [];

    public int ConnectionFailures => _connectionFailures;

    /// <summary>503 answers that were problem+json and carried Retry-After.</summary>
    public int WellFormedUnavailable => _wellFormedUnavailable;

    private int _connectionFailures;
    private int _wellFormedUnavailable;

    /// <summary>
    /// Runs <paramref name="workers"/> concurrent posters until <paramref name="stop"/>; an event already started
    /// is retried to its acknowledgement, but never past <paramref name="hardDeadline"/>.
    /// </summary>
    public Task RunAsync(int workers, CancellationToken stop, CancellationToken hardDeadline)
    {
        _clock.Start();
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(stop, hardDeadline), CancellationToken.None)));
    }

    private async Task WorkAsync(CancellationToken stop, CancellationToken hardDeadline)
    {
        while (!stop.IsCancellationRequested && !hardDeadline.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _nextEvent);
            var region = n % 3 == 0 ? ClusterDatabases.Cn : ClusterDatabases.Eu;
            var account = $"ACCT-{_tag}-{region}-{n % _customersPerRegion}";
            var body = Event($"{_tag}-{n}", region, account, n % 11).ToJsonString();
            await PostUntilAcknowledgedAsync($"{_tag}-{n}", region, body, hardDeadline);
        }
    }

    private async Task PostUntilAcknowledgedAsync(string eventId, string region, string body, CancellationToken hardDeadline)
    {
        while (!hardDeadline.IsCancellationRequested)
        {
            var index = NextNode();
            var node = _nodes[index];
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync(new Uri(node, "/api/v1/events"), content, hardDeadline);
                Statuses.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    using var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync(hardDeadline));
                    Acks.Add(new Ack(eventId, region, receipt.RootElement.GetProperty("customerId").GetString()!, ElapsedMs));
                    return;
                }

                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    UnavailableAtMs.Add(ElapsedMs);
                    var retryAfter = response.Headers.RetryAfter?.Delta;
                    if (retryAfter is not null && response.Content.Headers.ContentType?.MediaType == "application/problem+json")
                    {
                        Interlocked.Increment(ref _wellFormedUnavailable);
                    }

                    await Task.Delay(retryAfter is { } delay && delay < MaxRetryAfter ? delay : MaxRetryAfter, hardDeadline);
                    continue;
                }

                UnexpectedAnswers.Add($"{(int)response.StatusCode} from {node}: {await response.Content.ReadAsStringAsync(hardDeadline)}");
                await Task.Delay(200, hardDeadline);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !hardDeadline.IsCancellationRequested))
            {
                // Node gone or hanging: the event may or may not be committed; posting it again is safe (idempotent).
                Interlocked.Increment(ref _connectionFailures);
                Volatile.Write(ref _downUntilMs[index], (long)(ElapsedMs + NodeDownFor.TotalMilliseconds));
                await Task.Delay(10, CancellationToken.None);
            }
            catch (OperationCanceledException) when (hardDeadline.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>The next node round-robin, skipping nodes marked down (all down: any).</summary>
    private int NextNode()
    {
        var now = (long)ElapsedMs;
        var start = (int)((uint)Interlocked.Increment(ref _nextNode) % (uint)_nodes.Count);
        for (var i = 0; i < _nodes.Count; i++)
        {
            var candidate = (start + i) % _nodes.Count;
            if (Volatile.Read(ref _downUntilMs[candidate]) <= now)
            {
                return candidate;
            }
        }

        return start;
    }

    private static JsonObject Event(string eventId, string region, string account, int nps) => new()
    {
        ["eventId"] = eventId,
        ["source"] = Source,
        ["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture),
        ["region"] = region,
        ["customer"] = new JsonArray(new JsonObject { ["type"] = "account", ["value"] = account }),
        ["type"] = "feedback",
        ["touchpoint"] = "branch-visit",
        // Units of the demo org tree the dev ingest client is bound to (its root).
        ["orgUnit"] = region == ClusterDatabases.Cn ? "cn-sh-branch-01" : "de-fra-branch-01",
        ["scores"] = new JsonObject { ["nps"] = nps % 11 },
    };

    public void Dispose() => _http.Dispose();
}

internal sealed record Ack(string EventId, string Region, string CustomerId, double AtMs);
