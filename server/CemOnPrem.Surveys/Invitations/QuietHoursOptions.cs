namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// <c>Cem:Surveys:QuietHours</c>: local times (in the region's working-calendar zone) between which no e-mail or
/// webhook invitation goes out; one due then waits until <see cref="End"/>. Equal times switch quiet hours off.
/// </summary>
public sealed class QuietHoursOptions
{
    public TimeOnly Start { get; set; } = new(21, 0);

    public TimeOnly End { get; set; } = new(8, 0);

    public bool IsEnabled => Start != End;
}
