namespace CemOnPrem.Server.Hosting;

/// <summary><c>--migrate-only</c>: apply migrations and region pinning, then exit (for upgrade jobs).</summary>
internal static class MigrateOnly
{
    public const string Flag = "--migrate-only";

    public static async Task<int> RunAsync(WebApplication app)
    {
        var startup = app.Services.GetRequiredService<DatabaseStartup>();
        await startup.StartAsync(CancellationToken.None).ConfigureAwait(false);
        app.Logger.LogInformation("Migrations applied; exiting (--migrate-only)");
        return 0;
    }
}
