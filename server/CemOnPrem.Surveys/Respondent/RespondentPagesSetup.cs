using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>The respondent page /s/{token} (server-rendered, works without JavaScript) and anonymous per-org-unit links /s/u/{token}.</summary>
public static class RespondentPagesSetup
{
    public static IHostApplicationBuilder AddRespondentPages(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var branding = builder.Configuration.GetSection(RespondentOptions.BrandingSection);
        services.AddOptions<RespondentOptions>().Bind(builder.Configuration.GetSection(RespondentOptions.Section)).Configure(options =>
        {
            // The bank's name and logo sit under Branding (other parts, e-mail say, use them too).
            options.BrandName = branding["Name"] ?? options.BrandName;
            options.LogoPath = branding["LogoPath"] ?? options.LogoPath;
        }).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RespondentOptions>, RespondentOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddAntiforgery();
        services.AddSingleton<RespondentLinks>();
        services.AddOptions<UnitLinkOptions>().Bind(builder.Configuration.GetSection(UnitLinkOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UnitLinkOptions>, RespondentOptionsValidator>();
        services.AddSingleton<UnitLinkStore>();
        services.AddSingleton<UnitLinkLimiter>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRespondentPages(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRespondentAssets();
        app.MapRespondentPageRoutes();
        app.MapUnitLinkVisits();
        app.MapUnitLinksApi();
        return app;
    }
}
