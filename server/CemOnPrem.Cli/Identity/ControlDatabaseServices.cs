using CemOnPrem.Audit;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Identity.Hosting;
using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CemOnPrem.Cli.Identity;

/// <summary>
/// The identity administration services against the control database, without a running server. Settings come
/// from the same environment variables the server reads (<c>CEM__CONTROLDATABASE__CONNECTIONSTRING</c>,
/// <c>CEM__IDENTITY__PASSWORD__MINIMUMLENGTH</c>…) unless <c>--control-db</c> is given. Every change is recorded
/// in the audit chain (<see cref="OperatorAuditTrail"/>).
/// </summary>
internal static class ControlDatabaseServices
{
    public const string ConnectionVariable = "CEM__CONTROLDATABASE__CONNECTIONSTRING";

    public static async Task<int> RunAsync(string? connectionString, TextWriter error, Func<IServiceProvider, Task<int>> command)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var connection = connectionString ?? configuration["Cem:ControlDatabase:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connection))
        {
            await error.WriteLineAsync($"cemctl: --control-db or {ConnectionVariable} is required (the server's control database).").ConfigureAwait(false);
            return 1;
        }

        await using var control = new ControlDatabase(connection);
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(new IdentityHostContext(control.DataSource, "."));
        services.AddCemIdentityStores(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new AuditAppender(new AuditChainStore(control), Options.Create(new AuditOptions()), sp.GetRequiredService<ILogger<AuditAppender>>()));
        services.AddSingleton<IAuditTrail, OperatorAuditTrail>();
        await using var provider = services.BuildServiceProvider();
        var appender = provider.GetRequiredService<AuditAppender>();
        await appender.StartAsync(CancellationToken.None).ConfigureAwait(false);
        await using var scope = provider.CreateAsyncScope();
        try
        {
            return await command(scope.ServiceProvider).ConfigureAwait(false);
        }
        catch (AuditUnavailableException ex)
        {
            // The change itself is committed (records follow their change); say so, so the operator can check and retry.
            await error.WriteLineAsync($"cemctl: the change was made but its audit record could not be committed ({(ex.InnerException ?? ex).Message}).").ConfigureAwait(false);
            return 1;
        }
        catch (CemOnPrem.Identity.Users.IdentityAdministrationException ex)
        {
            await error.WriteLineAsync($"cemctl: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (Missing(ex))
        {
            await error.WriteLineAsync("cemctl: the control database has no identity tables yet; start the server once or run ./cem migrate.").ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (ex is NpgsqlException || ex.InnerException is NpgsqlException)
        {
            await error.WriteLineAsync($"cemctl: cannot use the control database ({(ex.InnerException ?? ex).Message}).").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            // Drains what is queued (nothing: every command awaits its records).
            await appender.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static bool Missing(Exception ex) =>
        (ex as PostgresException ?? ex.InnerException as PostgresException)?.SqlState == PostgresErrorCodes.UndefinedTable;
}
