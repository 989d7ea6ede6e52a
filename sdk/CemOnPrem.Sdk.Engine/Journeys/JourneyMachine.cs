using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Sdk.Engine.Journeys;

/// <summary>
/// The stage machine of a journey template, as a pure replay: given a customer's events in any order,
/// it sorts them by <c>occurredAt</c> and derives every journey instance, so late events simply change
/// the replay. A stage that exceeds its <c>abandonAfter</c> ends the journey as abandoned at that moment.
/// </summary>
public sealed class JourneyMachine
{
    private readonly JourneyTemplate _template;
    private readonly Dictionary<string, int> _stageOf;
    private readonly TimeSpan?[] _abandonAfter;

    public JourneyMachine(JourneyTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        _template = template;
        _stageOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < template.Stages.Count; i++)
        {
            foreach (var touchpoint in template.Stages[i].Touchpoints)
            {
                _stageOf.TryAdd(touchpoint, i);
            }
        }

        _abandonAfter = [.. template.Stages.Select(stage => Durations.ParseOrNull(stage.AbandonAfter))];
    }

    public JourneyTemplate Template => _template;

    /// <summary>True when the touchpoint means anything to this journey.</summary>
    public bool Involves(string? touchpoint) =>
        touchpoint is not null && (_stageOf.ContainsKey(touchpoint) || _template.AbandonmentTouchpoints.Contains(touchpoint));

    /// <summary>
    /// Only touchpoint events move journeys: a feedback event names the touchpoint it rates (a survey
    /// answer "about claim-paid"), which must not start, advance or end anything.
    /// </summary>
    public bool Moves(PackEvent e) => e is not null && e.Kind == EventKinds.Touchpoint && Involves(e.Touchpoint);

    public IReadOnlyList<JourneyInstance> Replay(IEnumerable<PackEvent> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        var finished = new List<Run>();
        var active = new List<Run>();
        foreach (var e in events.Where(Moves).OrderBy(e => e.OccurredAt))
        {
            ExpireStalled(active, finished, e.OccurredAt);
            Apply(e, active, finished);
        }

        ExpireStalled(active, finished, now);
        return [.. finished.Concat(active).OrderBy(run => run.StartedAt).Select((run, i) => run.ToInstance(_template.Id, i + 1))];
    }

    private void Apply(PackEvent e, List<Run> active, List<Run> finished)
    {
        var touchpoint = e.Touchpoint!;
        if (_template.AbandonmentTouchpoints.Contains(touchpoint))
        {
            if (active.Count > 0)
            {
                End(active, finished, active[0], JourneyStatus.Abandoned, e.OccurredAt);
            }

            return;
        }

        var stage = _stageOf[touchpoint];
        var isEntry = _template.EntryTouchpoints.Contains(touchpoint);
        // The oldest running instance that this touchpoint moves forward (or keeps in place). Without
        // concurrency an entry touchpoint belongs to the running instance wherever it is.
        var run = isEntry && !_template.AllowConcurrentInstances
            ? active.FirstOrDefault()
            : active.FirstOrDefault(r => r.StageIndex <= stage);
        if (isEntry && (run is null || (_template.AllowConcurrentInstances && run.StageIndex >= stage)))
        {
            run = new Run(e.OccurredAt, stage, _template.Stages[stage].Id);
            active.Add(run);
        }
        else if (run is null)
        {
            return; // a mid-journey touchpoint without a journey to belong to
        }
        else if (stage > run.StageIndex)
        {
            run.MoveTo(stage, _template.Stages[stage].Id, e.OccurredAt);
        }

        if (_template.CompletionTouchpoints.Contains(touchpoint))
        {
            End(active, finished, run, JourneyStatus.Completed, e.OccurredAt);
        }
    }

    private void ExpireStalled(List<Run> active, List<Run> finished, DateTimeOffset at)
    {
        foreach (var run in active.ToList())
        {
            if (_abandonAfter[run.StageIndex] is { } limit && run.StageEnteredAt + limit <= at)
            {
                End(active, finished, run, JourneyStatus.Abandoned, run.StageEnteredAt + limit);
            }
        }
    }

    private static void End(List<Run> active, List<Run> finished, Run run, JourneyStatus status, DateTimeOffset at)
    {
        run.End(status, at);
        active.Remove(run);
        finished.Add(run);
    }

    private sealed class Run(DateTimeOffset startedAt, int stageIndex, string stageId)
    {
        private readonly List<StageVisit> _visits = [new(stageId, stageIndex, startedAt, null)];

        public DateTimeOffset StartedAt { get; } = startedAt;

        public int StageIndex { get; private set; } = stageIndex;

        public DateTimeOffset StageEnteredAt => _visits[^1].EnteredAt;

        public JourneyStatus Status { get; private set; } = JourneyStatus.Active;

        public DateTimeOffset? EndedAt { get; private set; }

        public void MoveTo(int stageIndex, string stageId, DateTimeOffset at)
        {
            _visits[^1] = _visits[^1] with { ExitedAt = at };
            _visits.Add(new StageVisit(stageId, stageIndex, at, null));
            StageIndex = stageIndex;
        }

        public void End(JourneyStatus status, DateTimeOffset at)
        {
            _visits[^1] = _visits[^1] with { ExitedAt = at };
            Status = status;
            EndedAt = at;
        }

        public JourneyInstance ToInstance(string templateId, int number) =>
            new(templateId, number, Status, StartedAt, EndedAt, [.. _visits]);
    }
}
