namespace CemOnPrem.Surveys.Respondent;

public sealed record UnitLinkList(IReadOnlyList<UnitLink> Items);
