namespace CemOnPrem.Surveys.Statistics;

/// <summary>
/// The invitation funnel of a survey, overall or for one channel and org unit. Rates are fractions (0.42 = 42 %):
/// response rate = completed / sent, completion rate = completed / started; null when there is nothing to divide by.
/// </summary>
/// <param name="SuppressedReasons">Why invitations were not sent, by reason (<c>no-consent</c>, <c>frequency-cap</c>, …).</param>
/// <param name="MedianSecondsToAnswer">Median time from sending to completing, over the completed invitations that were sent.</param>
public sealed record SurveyFunnel(
    string? Channel, string? OrgUnit, long Created, long Sent, long Delivered, long Opened, long Started, long Completed, long Expired, long Suppressed,
    IReadOnlyDictionary<string, long> SuppressedReasons, double? ResponseRate, double? CompletionRate, double? MedianSecondsToAnswer);
