using CemOnPrem.Governance;

namespace CemOnPrem.Server.Privacy;

/// <summary>Wires consent, data-subject requests, legal holds and retention (docs/privacy.md).</summary>
public static class PrivacySetup
{
    public static WebApplicationBuilder AddCemPrivacy(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCemGovernance(builder.Configuration);
        builder.Services.AddSingleton<PrivacyRequestSubjects>();
        return builder;
    }

    public static WebApplication MapPrivacyApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapConsentsApi();
        app.MapPrivacyRequestsApi();
        app.MapLegalHoldsApi();
        app.MapRetentionAdminApi();
        return app;
    }
}
