namespace CemOnPrem.Surveys.Statistics;

/// <summary>
/// A survey's statistics over a period: the invitation funnel overall and per channel and org unit, and the answers
/// per question of the survey's latest version (answers of every version counted by question id).
/// </summary>
public sealed record SurveyStatisticsResponse(
    string Key, string Version, string From, string To, string? OrgUnit, string? Channel, int MinGroupSize,
    SurveyFunnel Total, IReadOnlyList<SurveyFunnel> Groups, IReadOnlyList<QuestionStatistics> Questions);
