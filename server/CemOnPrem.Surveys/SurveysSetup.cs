using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Distribution;
using CemOnPrem.Surveys.Invitations;
using CemOnPrem.Surveys.Respondent;
using CemOnPrem.Surveys.Responses;
using CemOnPrem.Surveys.Statistics;
using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Surveys;

/// <summary>
/// Wiring of the surveys module (docs/surveys.md): <c>builder.AddCemSurveys()</c> registers definitions, invitations,
/// distribution, responses, the respondent page and the statistics; <c>app.MapCemSurveys()</c> maps their endpoints.
/// Each part wires itself in its own folder's setup.
/// </summary>
public static class SurveysSetup
{
    public static IHostApplicationBuilder AddCemSurveys(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSurveyDefinitions();
        builder.AddSurveyInvitations();
        builder.AddSurveyDistribution();
        builder.AddSurveyResponses();
        builder.AddRespondentPages();
        builder.AddSurveyStatistics();
        return builder;
    }

    public static IEndpointRouteBuilder MapCemSurveys(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSurveyDefinitionsApi();
        app.MapSurveyInvitationsApi();
        app.MapSurveyDistributionApi();
        app.MapSurveyResponsesApi();
        app.MapRespondentPages();
        app.MapSurveyStatisticsApi();
        return app;
    }
}
