namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// <c>Cem:Surveys:UnitLinks</c>: anonymous per-org-unit links. Each visit makes an invitation, so visits are limited per
/// client address and per link (ballot stuffing), and an anonymous invitation lives only long enough to answer.
/// </summary>
public sealed class UnitLinkOptions
{
    public const string Section = "Cem:Surveys:UnitLinks";

    /// <summary>Visits (new anonymous responses) one client address may start within the window.</summary>
    public UnitLinkLimit PerSource { get; set; } = new() { PermitLimit = 5, WindowSeconds = 3600 };

    /// <summary>Visits one unit's link may take within the window, from everywhere together.</summary>
    public UnitLinkLimit PerUnit { get; set; } = new() { PermitLimit = 500, WindowSeconds = 3600 };

    /// <summary>How long the invitation a visit makes stays open.</summary>
    public int InvitationHours { get; set; } = 24;

    public IEnumerable<string> Validate()
    {
        foreach (var (name, limit) in new[] { (nameof(PerSource), PerSource), (nameof(PerUnit), PerUnit) })
        {
            if (limit.PermitLimit is < 1 or > 1_000_000 || limit.WindowSeconds is < 1 or > 86_400)
            {
                yield return $"{Section}:{name}: PermitLimit must be 1-1000000 and WindowSeconds 1-86400.";
            }
        }

        if (InvitationHours is < 1 or > 24 * 30)
        {
            yield return $"{Section}:InvitationHours must be 1-720 (it is {InvitationHours}).";
        }
    }
}
