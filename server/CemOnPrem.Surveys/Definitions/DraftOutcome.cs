namespace CemOnPrem.Surveys.Definitions;

/// <summary>What a draft write did.</summary>
/// <param name="Revision">The draft's revision after the write (the current one when stale).</param>
/// <param name="Published">The new version, for a publish.</param>
/// <param name="Problems">What keeps the draft from being published, by field path.</param>
public sealed record DraftOutcome(DraftStatus Status, int Revision, PublishedSurvey? Published = null, IReadOnlyDictionary<string, string[]>? Problems = null);
