using CemOnPrem.Sdk;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>Checks <c>Cem:Surveys</c>' invitation settings at start; each message names the setting to fix.</summary>
public sealed class InvitationOptionsValidator : IValidateOptions<InvitationOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static IEnumerable<string> Failures(InvitationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string s = InvitationOptions.Section;
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.Query.Length > 0)
        {
            yield return $"{s}:PublicBaseUrl must be an absolute http(s) URL without a query (the respondent page's origin).";
        }

        if (options.ExpiryDays is < 1 or > 365)
        {
            yield return $"{s}:ExpiryDays must be 1-365 (it is {options.ExpiryDays}).";
        }

        if (options.FrequencyCap.MaxInvitations is < 1 or > 1000 || options.FrequencyCap.Days is < 0 or > 3650)
        {
            yield return $"{s}:FrequencyCap:MaxInvitations must be 1-1000 and {s}:FrequencyCap:Days 0-3650 (0: no cap).";
        }

        foreach (var (region, settings) in options.Regions)
        {
            if (settings.Language.Length > 0 && !Codes.IsValid(settings.Language))
            {
                yield return $"{s}:Regions:{region}:Language must be a language code such as zh or en.";
            }
        }

        foreach (var (caseType, surveyKey) in options.FollowUp)
        {
            if (string.IsNullOrWhiteSpace(surveyKey) || surveyKey.Length > 200)
            {
                yield return $"{s}:FollowUp:{caseType} must name a survey key ('pack:survey' or an admin survey's code).";
            }
        }

        if (options.Sending.BatchSize is < 1 or > 10000 || options.Sending.PollSeconds is <= 0 or > 300)
        {
            yield return $"{s}:Sending:BatchSize must be 1-10000 and {s}:Sending:PollSeconds > 0 and ≤ 300.";
        }
    }
}
