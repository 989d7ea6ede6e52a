using CemOnPrem.Delivery;

namespace CemOnPrem.Surveys.Distribution;

/// <summary><c>Cem:Surveys:Distribution</c>: the survey outbox's delivery (docs/surveys.md "Channels: link, e-mail and webhook").</summary>
public sealed class DistributionOptions : IRetrySchedule
{
    public const string Section = "Cem:Surveys:Distribution";

    /// <summary>Runs the dispatcher on this node (every node may; their claims never overlap).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The bank's name in e-mails (subject and greeting).</summary>
    public string BankName { get; set; } = "Your bank";

    public int MaxAttempts { get; set; } = 10;

    public double RetryBaseSeconds { get; set; } = 30;

    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>How long a claimed delivery stays with its node; after that (a crash) another node tries it.</summary>
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>One webhook call or SMTP exchange may take this long; the lease is at least twice it.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    public double PollSeconds { get; set; } = 1;

    /// <summary>Deliveries claimed per round; they go out <see cref="Parallelism"/> at a time.</summary>
    public int BatchSize { get; set; } = 200;

    public int Parallelism { get; set; } = 16;

    public IEnumerable<string> Validate()
    {
        const string s = Section;
        if (BankName.Trim().Length is 0 or > 100)
        {
            yield return $"{s}:BankName must be 1-100 characters.";
        }

        if (MaxAttempts is < 1 or > 100)
        {
            yield return $"{s}:MaxAttempts must be 1-100 (it is {MaxAttempts}).";
        }

        if (RetryBaseSeconds is <= 0 or > 86400 || RetryMaxSeconds < RetryBaseSeconds || RetryMaxSeconds > 7 * 86400)
        {
            yield return $"{s}:RetryBaseSeconds must be > 0 and ≤ 86400, and {s}:RetryMaxSeconds between it and 604800.";
        }

        if (TimeoutSeconds is <= 0 or > 300 || LeaseSeconds < 2 * TimeoutSeconds || LeaseSeconds > 3600)
        {
            yield return $"{s}:TimeoutSeconds must be > 0 and ≤ 300, and {s}:LeaseSeconds at least twice it and ≤ 3600.";
        }

        if (PollSeconds is <= 0 or > 300 || BatchSize is < 1 or > 10000 || Parallelism is < 1 or > 256)
        {
            yield return $"{s}:PollSeconds must be > 0 and ≤ 300, {s}:BatchSize 1-10000 and {s}:Parallelism 1-256.";
        }
    }
}
