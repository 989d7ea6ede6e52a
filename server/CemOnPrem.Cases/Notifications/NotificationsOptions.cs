using CemOnPrem.Delivery;
namespace CemOnPrem.Cases.Notifications;

/// <summary><c>Cem:Cases:Notifications</c>: the outbox's fan-out and delivery (docs/cases.md "Notifications").</summary>
public sealed class NotificationsOptions : IRetrySchedule
{
    public const string Section = "Cem:Cases:Notifications";

    /// <summary>The mail server assignees are notified through (<see cref="SmtpOptions"/>).</summary>
    public const string SmtpSection = "Cem:Cases:Smtp";

    /// <summary>Runs the fan-out and the dispatcher on this node (every node may; their claims never overlap).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Allows http:// webhook URLs (tests, loopback receivers); production receivers use https.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Where a case opens in the bank's UI; the e-mail links to <c>{CaseLinkBase}/{region}/{caseId}</c>. Empty: no link.</summary>
    public string CaseLinkBase { get; set; } = "";

    /// <summary>Attempts before a delivery is dead (visible in the dead-letter API).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The first retry's delay; each further one doubles, with up to 20 % jitter, capped at <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 10;

    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>How long a claimed delivery stays with its node; after that (a crash) another node tries it.</summary>
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>One webhook call or SMTP exchange may take this long; the lease is at least twice it.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>The pause between polls when there was nothing to do.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>History rows fanned out, or deliveries claimed, per transaction.</summary>
    public int BatchSize { get; set; } = 100;

    public IEnumerable<string> Validate()
    {
        if (MaxAttempts is < 1 or > 100)
        {
            yield return $"{Section}:MaxAttempts must be 1-100 (it is {MaxAttempts}).";
        }

        if (RetryBaseSeconds is <= 0 or > 86400 || RetryMaxSeconds < RetryBaseSeconds || RetryMaxSeconds > 7 * 86400)
        {
            yield return $"{Section}:RetryBaseSeconds must be > 0 and ≤ 86400, and {Section}:RetryMaxSeconds between it and 604800.";
        }

        if (TimeoutSeconds is <= 0 or > 300)
        {
            yield return $"{Section}:TimeoutSeconds must be > 0 and ≤ 300.";
        }

        if (LeaseSeconds < 2 * TimeoutSeconds || LeaseSeconds > 3600)
        {
            yield return $"{Section}:LeaseSeconds must be at least twice {Section}:TimeoutSeconds and ≤ 3600 (a delivery must end inside its lease).";
        }

        if (PollSeconds is <= 0 or > 300)
        {
            yield return $"{Section}:PollSeconds must be > 0 and ≤ 300.";
        }

        if (BatchSize is < 1 or > 10000)
        {
            yield return $"{Section}:BatchSize must be 1-10000.";
        }

        if (CaseLinkBase.Length > 0 && (!Uri.TryCreate(CaseLinkBase, UriKind.Absolute, out var link) || link.Scheme is not ("https" or "http")))
        {
            yield return $"{Section}:CaseLinkBase must be an absolute http(s) URL or empty.";
        }
    }
}
