using Orleans.CodeGeneration;

namespace CemOnPrem.Contracts.Cases;

/// <summary>
/// One case, key <c>{region}/{caseId}</c> (see <c>RegionalKey</c>), activated only on silos serving the region. The
/// <c>cases</c> row in the region database is the truth; the grain serialises the edits of one case, and every edit
/// names the version it was based on (the ETag), so a stale edit from anywhere is refused, never merged.
/// </summary>
[Alias("cem.case")]
[Version(1)]
public interface ICaseGrain : IGrainWithStringKey
{
    /// <summary>The case with clocks and history; null when it does not exist. Personal text only when asked for.</summary>
    [Alias("get")]
    Task<CaseView?> GetAsync(bool withPersonalText);

    /// <summary>Moves the case to another state (reopen included); resolving records the contact made.</summary>
    [Alias("transition")]
    Task<CaseEditResult> TransitionAsync(CaseTransitionEdit edit);

    /// <summary>Assigns the case to a person (already checked to have scope over its queue unit) or back to the queue.</summary>
    [Alias("assign")]
    Task<CaseEditResult> AssignAsync(CaseAssignEdit edit);

    [Alias("note")]
    Task<CaseEditResult> AddNoteAsync(CaseNoteEdit edit);

    [Alias("root-cause")]
    Task<CaseEditResult> SetRootCauseAsync(CaseRootCauseEdit edit);
}
