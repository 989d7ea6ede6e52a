using CemOnPrem.Cases.Clocks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Calendars;

/// <summary>Wiring of calendars, business time and the case clocks (ICaseClocks).</summary>
public static class CalendarsSetup
{
    public static IHostApplicationBuilder AddCaseCalendars(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<CaseClocksOptions>().Bind(builder.Configuration.GetSection(CaseClocksOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CaseClocksOptions>, CaseClocksOptionsValidator>();
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<CalendarCache>();
        services.AddSingleton<ICaseClocks, CaseClocks>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCalendarsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapCalendarEndpoints();
        return app;
    }
}
