namespace CemOnPrem.Surveys.Respondent;

/// <param name="Region">Where the link's invitations live; may be left out when the node serves one region.</param>
/// <param name="Language">The language a visit starts in; the survey's first when left out.</param>
public sealed record UnitLinkBody(string? OrgUnit, string? Region, string? Language);
