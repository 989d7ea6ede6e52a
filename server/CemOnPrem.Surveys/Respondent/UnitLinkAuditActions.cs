namespace CemOnPrem.Surveys.Respondent;

/// <summary>Audit actions of the unit-link administration (category "survey").</summary>
public static class UnitLinkAuditActions
{
    public const string Create = "survey.unit-link-create";
    public const string List = "survey.unit-link-list";
    public const string Revoke = "survey.unit-link-revoke";
}
