using System.Globalization;

namespace CemOnPrem.Grains.Cluster;

/// <summary>How many reminder canaries tick and how often (from <c>Cem:Cluster:ReminderCanaries</c> / <c>...PeriodSeconds</c>).</summary>
public sealed record ReminderCanarySettings(int Count, TimeSpan Period)
{
    public const string ReminderName = "canary";

    public static string KeyOf(int index) => "canary-" + index.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>Whether a canary key is one of the configured ones (a canary beyond the count retires itself).</summary>
    public bool IsConfigured(string key) =>
        key.StartsWith("canary-", StringComparison.Ordinal)
        && int.TryParse(key.AsSpan("canary-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
        && index < Count;
}
