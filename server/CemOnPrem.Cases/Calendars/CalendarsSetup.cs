using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Cases.Calendars;

/// <summary>Wiring of calendars, business time and the case clocks (ICaseClocks).</summary>
public static class CalendarsSetup
{
    public static IHostApplicationBuilder AddCaseCalendars(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapCalendarsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
