namespace CemOnPrem.Cases.Escalation;

/// <summary>
/// Which instants of a case's clocks are still to come, which have passed, and when the reminder fires next. A clock
/// warns once and breaches once: a recorded breach also settles the warning (a case that went straight past both
/// instants, during an outage say, is reported as breached, not warned and then breached).
/// </summary>
public static class CaseClockThresholds
{
    /// <returns>The thresholds not yet recorded of the clocks that run (not finished, not paused), earliest first.</returns>
    public static IReadOnlyList<CaseThreshold> Pending(CaseClockState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsFinished)
        {
            return [];
        }

        var pending = new List<CaseThreshold>(4);
        AddClock(pending, state, CaseThreshold.Sla, state.SlaWarnAt, state.SlaDueAt, state.SlaPausable);
        if (state is { RegDueAt: { } due, RegWarnAt: { } warn })
        {
            AddClock(pending, state, CaseThreshold.Regulatory, warn, due, state.RegPausable);
        }

        return [.. pending.OrderBy(t => t.At).ThenBy(t => t.IsBreach).ThenBy(t => t.Clock, StringComparer.Ordinal)];
    }

    /// <returns>The pending thresholds that have passed at <paramref name="now"/>; a clock's breach supersedes its warning.</returns>
    public static IReadOnlyList<CaseThreshold> Passed(CaseClockState state, DateTimeOffset now)
    {
        var passed = Pending(state).Where(t => t.At <= now).ToList();
        var breached = passed.Where(t => t.IsBreach).Select(t => t.Clock).ToHashSet(StringComparer.Ordinal);
        return [.. passed.Where(t => t.IsBreach || !breached.Contains(t.Clock))];
    }

    /// <returns>The next instant the reminder must fire at (possibly past, if a tick was missed), or null when none is pending.</returns>
    public static DateTimeOffset? Next(CaseClockState state) => Pending(state) is [var first, ..] ? first.At : null;

    private static void AddClock(List<CaseThreshold> pending, CaseClockState state, string clock, DateTimeOffset warnAt, DateTimeOffset dueAt, bool pausable)
    {
        // A paused clock does not run: its instants move when it resumes (a new clocks_version, armed again).
        if ((pausable && state.PausedAt is not null) || state.Recorded.Contains((clock, CaseThreshold.Breach)))
        {
            return;
        }

        if (!state.Recorded.Contains((clock, CaseThreshold.Warning)))
        {
            pending.Add(new CaseThreshold(clock, CaseThreshold.Warning, warnAt));
        }

        pending.Add(new CaseThreshold(clock, CaseThreshold.Breach, dueAt));
    }
}
