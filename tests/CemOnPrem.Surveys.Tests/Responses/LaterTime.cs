namespace CemOnPrem.Surveys.Tests.Responses;

/// <summary>The real clock moved forward, so a grace period has passed without the test waiting for it.</summary>
internal sealed class LaterTime(TimeSpan ahead) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
}
