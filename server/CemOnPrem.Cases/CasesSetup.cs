using CemOnPrem.Analytics.Queries;
using CemOnPrem.Cases.Calendars;
using CemOnPrem.Cases.Escalation;
using CemOnPrem.Cases.Handling;
using CemOnPrem.Cases.Metrics;
using CemOnPrem.Cases.Notifications;
using CemOnPrem.Cases.Rules;
using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Cases;

/// <summary>
/// Wiring of the cases module (docs/cases.md): <c>builder.AddCemCases()</c> registers calendars and clocks, case
/// handling, the rules on live data, escalation, notifications and the case metrics; <c>app.MapCemCases()</c> maps their
/// endpoints.
/// Each part wires itself in its own folder's setup.
/// </summary>
public static class CasesSetup
{
    public static IHostApplicationBuilder AddCemCases(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddCaseCalendars();
        builder.AddCaseHandling();
        builder.AddCaseRules();
        builder.AddCaseEscalation();
        builder.AddCaseNotifications();
        builder.Services.AddSingleton<IMetricCellSource, CaseMetrics>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCemCases(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapCalendarsApi();
        app.MapCasesApi();
        app.MapCaseNotificationsApi();
        return app;
    }
}
