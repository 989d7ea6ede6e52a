using CemOnPrem.Contracts.Cases;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Grains.Residency;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// One case (<see cref="ICaseGrain"/>), placed only on silos serving its region. No grain state: the <c>cases</c> row
/// is the truth, and the grain's turn-based execution serialises the edits of a case within the cluster; the version
/// check in the database covers everything else (another activation during a membership change, the escalation engine).
/// </summary>
[RegionPlacementFilter]
[GrainType("case")] // pinned: grain ids use it; a class rename must not change it
internal sealed class CaseGrain(CaseReader reader, CaseEditor editor) : Grain, ICaseGrain
{
    private (string Region, string CaseId) Key => RegionalKey.Split(this.GetPrimaryKeyString());

    public Task<CaseView?> GetAsync(bool withPersonalText) => reader.GetAsync(Key.Region, Key.CaseId, withPersonalText, CancellationToken.None);

    public Task<CaseEditResult> TransitionAsync(CaseTransitionEdit edit) => editor.TransitionAsync(Key.Region, Key.CaseId, edit, CancellationToken.None);

    public Task<CaseEditResult> AssignAsync(CaseAssignEdit edit) => editor.AssignAsync(Key.Region, Key.CaseId, edit, CancellationToken.None);

    public Task<CaseEditResult> AddNoteAsync(CaseNoteEdit edit) => editor.AddNoteAsync(Key.Region, Key.CaseId, edit, CancellationToken.None);

    public Task<CaseEditResult> SetRootCauseAsync(CaseRootCauseEdit edit) => editor.SetRootCauseAsync(Key.Region, Key.CaseId, edit, CancellationToken.None);
}
