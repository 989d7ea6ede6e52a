namespace CemOnPrem.Cases.Tests.Clocks;

/// <summary>A clock the test moves by hand (the calendar cache's reload interval).</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
