namespace CemOnPrem.Surveys.Responses;

/// <summary>Audit actions of the responses API (category "survey-response").</summary>
public static class SurveyResponseAuditActions
{
    public const string List = "survey-response.list";
    public const string Read = "survey-response.read";
    public const string Submit = "survey-response.submit";
}
