namespace CemOnPrem.Surveys.Statistics;

/// <summary>The invitation counts of one group (channel, org unit), summed over regions; seconds from sent to completed kept for the median.</summary>
internal sealed class FunnelCounts
{
    public long Created { get; set; }
    public long Sent { get; set; }
    public long Delivered { get; set; }
    public long Opened { get; set; }
    public long Started { get; set; }
    public long Completed { get; set; }
    public long Expired { get; set; }
    public long Suppressed { get; set; }
    public SortedDictionary<string, long> SuppressedReasons { get; } = new(StringComparer.Ordinal);
    public List<double> AnswerSeconds { get; } = [];

    public void Add(FunnelCounts other)
    {
        Created += other.Created;
        Sent += other.Sent;
        Delivered += other.Delivered;
        Opened += other.Opened;
        Started += other.Started;
        Completed += other.Completed;
        Expired += other.Expired;
        Suppressed += other.Suppressed;
        foreach (var (reason, count) in other.SuppressedReasons)
        {
            SuppressedReasons[reason] = SuppressedReasons.GetValueOrDefault(reason) + count;
        }

        AnswerSeconds.AddRange(other.AnswerSeconds);
    }

    public SurveyFunnel ToFunnel(string? channel, string? orgUnit)
    {
        double? Rate(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
        return new SurveyFunnel(channel, orgUnit, Created, Sent, Delivered, Opened, Started, Completed, Expired, Suppressed,
            new Dictionary<string, long>(SuppressedReasons, StringComparer.Ordinal), Rate(Completed, Sent), Rate(Completed, Started), Median());
    }

    private double? Median()
    {
        if (AnswerSeconds.Count == 0)
        {
            return null;
        }

        var sorted = AnswerSeconds.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
