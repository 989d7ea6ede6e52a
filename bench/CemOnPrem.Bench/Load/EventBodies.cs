using System.Globalization;
using System.Text;

namespace CemOnPrem.Bench.Load;

/// <summary>
/// Request bodies shaped like real channel traffic: unique event ids, customers drawn uniformly from a
/// pool (so the run mixes first-time and returning customers), 70 % touchpoint events, 30 % feedback
/// with an NPS score and a short text; one customer in five also carries a phone number (stitching lookups
/// of two identities that belong to the same customer).
/// </summary>
internal sealed class EventBodies(string runTag, int customers)
{
    private static readonly string[] Touchpoints = ["branch-visit", "app-login", "call-centre", "card-payment", "loan-application"];
    /// <summary>
    /// Units of the demo org tree (created by the server's development credentials, Cem:Identity:CreateDevCredentials),
    /// which its development ingest client is bound to; ingest refuses unknown codes.
    /// </summary>
    public static readonly IReadOnlyList<string> OrgUnits = ["cn-sh-branch-01", "cn-sh-branch-02", "cn-hz-branch-01", "cn-sh-dealer-01"];
    private long _next;

    public string RunTag => runTag;

    public int Customers => customers;

    public byte[] Single() => Encoding.UTF8.GetBytes(Event(Interlocked.Increment(ref _next)));

    /// <summary>NDJSON: one event per line.</summary>
    public byte[] Batch(int size)
    {
        var builder = new StringBuilder(size * 400);
        for (var i = 0; i < size; i++)
        {
            builder.Append(Event(Interlocked.Increment(ref _next))).Append('\n');
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>The customer (0..pool-1) of an event number; deterministic so COPY rows match ingest rows.</summary>
    public int CustomerOf(long number) => (int)((ulong)Hash(number) % (ulong)customers);

    public static string Account(string tag, int customer) => string.Create(CultureInfo.InvariantCulture, $"{tag}-{customer:D7}");

    private string Event(long number)
    {
        var customer = CustomerOf(number);
        var account = Account(runTag, customer);
        var identities = customer % 5 == 0
            ? $$"""[{"type":"account","value":"{{account}}"},{"type":"phone","value":"+86 139 {{customer:D8}}"}]"""
            : $$"""[{"type":"account","value":"{{account}}"}]""";
        var occurredAt = DateTimeOffset.UtcNow.AddSeconds(-(number % 3600)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var touchpoint = Touchpoints[number % Touchpoints.Length];
        var orgUnit = OrgUnits[customer % OrgUnits.Count];
        return number % 10 < 7
            ? string.Create(CultureInfo.InvariantCulture,
                $$"""{"eventId":"{{runTag}}-{{number}}","source":"bench-channel","occurredAt":"{{occurredAt}}","region":"cn-east","customer":{{identities}},"type":"touchpoint","touchpoint":"{{touchpoint}}","orgUnit":"{{orgUnit}}","attributes":{"device":"tablet"} }""")
            : string.Create(CultureInfo.InvariantCulture,
                $$"""{"eventId":"{{runTag}}-{{number}}","source":"bench-channel","occurredAt":"{{occurredAt}}","region":"cn-east","customer":{{identities}},"type":"feedback","touchpoint":"{{touchpoint}}","orgUnit":"{{orgUnit}}","scores":{"nps":{{number % 11}} },"text":"Quick and friendly service, short queue."}""");
    }

    private static long Hash(long value)
    {
        var x = (ulong)value * 0x9E3779B97F4A7C15UL;
        x ^= x >> 31;
        return (long)(x & long.MaxValue);
    }
}
