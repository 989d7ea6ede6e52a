using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>Invitations: from the projection's trigger decisions (consent, frequency cap, quiet hours, expiry checked at send time) and by hand.</summary>
public static class SurveyInvitationsSetup
{
    public static IHostApplicationBuilder AddSurveyInvitations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<InvitationLookup>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSurveyInvitationsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
