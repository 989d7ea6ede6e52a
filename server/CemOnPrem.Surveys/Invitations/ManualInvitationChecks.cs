using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Sdk;
using CemOnPrem.Surveys.Distribution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>The form of a manual invitation's body; the first fault is named with its field.</summary>
public static class ManualInvitationChecks
{
    public static ProblemHttpResult? BodyProblem(ManualInvitationBody? body, NodeRegions nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (body is null || !Codes.IsValid(body.Region))
        {
            return Problem.Invalid("region", "is required (a region code).");
        }

        if (!nodes.IsConfigured(body.Region!))
        {
            return Problem.Invalid("region", $"is not configured; configured: {string.Join(", ", nodes.Configured)}.", StatusCodes.Status422UnprocessableEntity,
                ProblemTypes.UnknownRegion);
        }

        if (body.CustomerId is not { } id || id.Length != 34 || !id.StartsWith("c-", StringComparison.Ordinal) || !id[2..].All(char.IsAsciiHexDigitLower))
        {
            return Problem.Invalid("customerId", "is required: a customer id (c- and 32 hex digits), e.g. from the customer's view.");
        }

        if (!Codes.IsValid(body.OrgUnit))
        {
            return Problem.Invalid("orgUnit", $"is required: the org unit the invitation is on behalf of ({Codes.Rule}).");
        }

        if (body.Language is { } language && InvitationLanguage.Normalise(language) != language)
        {
            return Problem.Invalid("language", "must be a language code such as zh or en.");
        }

        if (body.Channel is { } channel && !ChannelChoice.IsKnown(channel))
        {
            return Problem.Invalid("channel", "must be link, email or webhook (default link).");
        }

        if (body.ExpiresInDays is { } days && days is < 1 or > ManualInvitations.MaxExpiryDays)
        {
            return Problem.Invalid("expiresInDays", $"must be 1-{ManualInvitations.MaxExpiryDays}.");
        }

        return null;
    }
}
