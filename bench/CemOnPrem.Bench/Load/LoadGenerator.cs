using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;

namespace CemOnPrem.Bench.Load;

/// <summary>HTTP/1.1 keep-alive load over loopback: one pooled connection per concurrent sender.</summary>
internal static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(LoadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = spec.Concurrency,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60), DefaultRequestVersion = HttpVersion.Version11 };
        if (spec.BearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", spec.BearerToken);
        }
        var state = new RunState(spec);
        var contentType = MediaTypeHeaderValue.Parse(spec.ContentType);
        var total = spec.Warmup + spec.Duration;
        var start = Stopwatch.GetTimestamp();
        var endAt = start + (long)(total.TotalSeconds * Stopwatch.Frequency);
        var measureFrom = start + (long)(spec.Warmup.TotalSeconds * Stopwatch.Frequency);

        Channel<long>? schedule = null;
        Task dispatcher = Task.CompletedTask;
        if (spec.RatePerSecond is { } rate)
        {
            schedule = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleWriter = true });
            dispatcher = DispatchAsync(schedule.Writer, rate, start, endAt, state);
        }

        var progress = ProgressAsync(state, start, measureFrom, endAt);
        var workers = Enumerable.Range(0, spec.Concurrency)
            .Select(_ => Task.Run(() => WorkAsync(client, spec, contentType, schedule?.Reader, state, measureFrom, endAt)))
            .ToArray();
        await Task.WhenAll(workers);
        await dispatcher;
        await progress;
        if (schedule is not null)
        {
            while (schedule.Reader.TryRead(out _))
            {
                Interlocked.Increment(ref state.NotSent);
            }
        }

        var seconds = spec.Duration.TotalSeconds;
        var h = state.Measured;
        return new LoadResult(spec.Name, spec.Concurrency, spec.RatePerSecond, seconds, state.Requests, state.Events, state.Overloaded, state.Errors,
            state.NotSent, state.Events / seconds, state.Requests / seconds,
            h.PercentileMs(50), h.PercentileMs(95), h.PercentileMs(99), h.PercentileMs(99.9), h.MaxMs, spec.Cpu?.Result);
    }

    private static async Task DispatchAsync(ChannelWriter<long> writer, double rate, long start, long endAt, RunState state)
    {
        long issued = 0;
        while (Stopwatch.GetTimestamp() < endAt)
        {
            // Request n is intended to start at n / rate: it is due once that moment has come (n = 0 at once). Counting
            // it due one interval later made every ack look one interval slower (1 s at --rate 1; 0.125 ms at 8,000/s).
            var due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1;
            for (; issued < due; issued++)
            {
                writer.TryWrite(start + (long)(issued / rate * Stopwatch.Frequency));
            }

            await Task.Delay(1);
        }

        writer.TryComplete();
        _ = state;
    }

    private static async Task WorkAsync(
        HttpClient client, LoadSpec spec, MediaTypeHeaderValue contentType, ChannelReader<long>? schedule, RunState state, long measureFrom, long endAt)
    {
        while (true)
        {
            long startedAt;
            if (schedule is null)
            {
                startedAt = Stopwatch.GetTimestamp();
                if (startedAt >= endAt)
                {
                    return;
                }
            }
            else
            {
                if (!await schedule.WaitToReadAsync() || !schedule.TryRead(out startedAt) || Stopwatch.GetTimestamp() >= endAt)
                {
                    return;
                }
            }

            var body = spec.NextBody();
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = contentType;
            int status;
            try
            {
                using var response = await client.PostAsync(spec.Target, content);
                status = (int)response.StatusCode;
                if (status is not (202 or 503) && Interlocked.Increment(ref state.ErrorSamples) <= 3)
                {
                    Console.Error.WriteLine($"  [{spec.Name}] HTTP {status}: {await response.Content.ReadAsStringAsync()}");
                }
                else
                {
                    await response.Content.CopyToAsync(Stream.Null);
                }
            }
            catch (HttpRequestException ex)
            {
                status = 0;
                if (Interlocked.Increment(ref state.ErrorSamples) <= 3)
                {
                    Console.Error.WriteLine($"  [{spec.Name}] {ex.Message}");
                }
            }

            var completedAt = Stopwatch.GetTimestamp();
            state.Record(startedAt, status, spec.EventsPerRequest, measured: startedAt >= measureFrom, carried: completedAt >= measureFrom && completedAt <= endAt);
        }
    }

    private static async Task ProgressAsync(RunState state, long start, long measureFrom, long endAt)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        long lastEvents = 0;
        var cpuStarted = false;
        while (Stopwatch.GetTimestamp() < endAt && await timer.WaitForNextTickAsync())
        {
            if (!cpuStarted && Stopwatch.GetTimestamp() >= measureFrom)
            {
                state.Spec.Cpu?.Start();
                cpuStarted = true;
                measureFrom = Stopwatch.GetTimestamp();
            }

            var interval = state.SwapInterval();
            var events = Interlocked.Read(ref state.Acked);
            var phase = Stopwatch.GetTimestamp() < measureFrom ? "warm-up" : "measure";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  [{state.Spec.Name}] {Stopwatch.GetElapsedTime(start).TotalSeconds,4:0}s {phase}  {events - lastEvents,8:N0} ev/s  " +
                $"p50 {interval.PercentileMs(50),6:0.0} ms  p99 {interval.PercentileMs(99),6:0.0} ms  503s {state.Overloaded}  errors {state.Errors}"));
            lastEvents = events;
        }

        state.Spec.Cpu?.Stop(Stopwatch.GetElapsedTime(measureFrom));
    }

    private sealed class RunState(LoadSpec spec)
    {
        public long Acked;
        public long Requests;
        public long Events;
        public long Overloaded;
        public long Errors;
        public long NotSent;
        public long ErrorSamples;
        private LatencyHistogram _interval = new();

        public LoadSpec Spec { get; } = spec;

        public LatencyHistogram Measured { get; } = new();

        public LatencyHistogram SwapInterval() => Interlocked.Exchange(ref _interval, new LatencyHistogram());

        /// <summary>
        /// Throughput counts what was acknowledged inside the measurement window (<paramref name="carried"/>); latency and
        /// answer counts belong to the requests <i>intended</i> to start in it (<paramref name="measured"/>). The two differ
        /// only when a paced run builds a backlog: then everything carried was intended earlier, and the latency says so.
        /// </summary>
        public void Record(long startedAt, int status, int events, bool measured, bool carried)
        {
            if (status == 202)
            {
                var micros = (long)Stopwatch.GetElapsedTime(startedAt).TotalMicroseconds;
                Interlocked.Add(ref Acked, events);
                Volatile.Read(ref _interval).Record(micros);
                if (measured)
                {
                    Measured.Record(micros);
                }

                if (carried)
                {
                    Interlocked.Add(ref Events, events);
                }
            }

            if (carried)
            {
                Interlocked.Increment(ref Requests);
            }

            if (!measured)
            {
                return;
            }

            switch (status)
            {
                case 202:
                    break;
                case 503:
                    Interlocked.Increment(ref Overloaded);
                    break;
                default:
                    Interlocked.Increment(ref Errors);
                    break;
            }
        }
    }
}
