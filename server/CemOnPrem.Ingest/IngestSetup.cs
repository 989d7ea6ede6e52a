namespace CemOnPrem.Ingest;

/// <summary>
/// Wiring of ingest (docs/architecture.md, "How an event flows"): <c>builder.AddCemIngest()</c> registers the validator
/// and one region writer per served region (a hosted service: queued events commit before shutdown ends);
/// <c>app.MapCemIngest()</c> maps <c>/api/v1/events</c>.
/// </summary>
public static class IngestSetup
{
    public static IHostApplicationBuilder AddCemIngest(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<EventValidator>();
        builder.Services.AddSingleton<Grains.Customers.ActiveCustomerProjections>();
        builder.Services.AddSingleton<RegionWriters>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RegionWriters>());
        builder.Services.AddSingleton<IInternalEvents, InternalEvents>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCemIngest(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapEventsApi();
        return app;
    }
}
