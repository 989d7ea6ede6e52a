namespace CemOnPrem.Surveys.Invitations;

/// <summary><c>Cem:Surveys:FrequencyCap</c>: at most <see cref="MaxInvitations"/> invitations per customer within <see cref="Days"/>, across all surveys.</summary>
public sealed class FrequencyCapOptions
{
    public int MaxInvitations { get; set; } = 1;

    public int Days { get; set; } = 30;
}
