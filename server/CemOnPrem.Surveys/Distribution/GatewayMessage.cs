namespace CemOnPrem.Surveys.Distribution;

/// <summary>
/// The JSON body posted to the SMS / app-push gateway (docs/surveys.md shows it). <see cref="IdempotencyKey"/> is the
/// invitation id, as is the <c>X-Cem-Delivery</c> header: the same on every retry.
/// </summary>
public sealed record GatewayMessage(
    string Type, Guid InvitationId, Guid IdempotencyKey, string Region, string SurveyKey, string Language, string Link, GatewayAddress Address,
    DateTimeOffset ExpiresAt)
{
    public const string EventName = "survey.invitation";
}

/// <summary>Where the gateway should send: an identity type (e.g. <c>phone</c>) and its value.</summary>
public sealed record GatewayAddress(string Type, string Value);
