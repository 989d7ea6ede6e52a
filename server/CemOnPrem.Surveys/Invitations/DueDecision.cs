namespace CemOnPrem.Surveys.Invitations;

/// <summary>A trigger decision (<c>survey_invitations</c>, decision <c>invited</c>) that is due and has no invitation yet.</summary>
public sealed record DueDecision(string PackId, string SurveyId, string Cause, string CustomerId, DateTime DueAt)
{
    public string DecisionKey => $"{PackId}/{SurveyId}/{Cause}";

    /// <summary>The event sequence of an event cause (<c>event:{seq}</c>); null for a journey cause.</summary>
    public long? EventSequence =>
        Cause.StartsWith("event:", StringComparison.Ordinal) && long.TryParse(Cause.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture, out var seq) ? seq : null;

    /// <summary>The journey template of a journey cause (<c>journey:{customer}:{template}:{started}:…</c>); null for an event cause.</summary>
    public string? JourneyTemplate => Cause.Split(':') is ["journey", _, var template, ..] ? template : null;
}
