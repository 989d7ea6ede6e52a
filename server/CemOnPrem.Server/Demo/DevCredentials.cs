using System.Security.Cryptography;
using System.Text.Json;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Clients;
using CemOnPrem.Identity.Hosting;
using CemOnPrem.Identity.Users;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.OrgUnits;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Server.Demo;

/// <summary>
/// For <c>./cem run</c> (<c>Cem:Identity:CreateDevCredentials=true</c>): a demo org tree, a demo admin (roles
/// admin and agent, TOTP enrolled) and a demo ingest client bound to every region and the whole tree. Their
/// secrets go to <c>{DataDirectory}/dev-credentials.json</c> (mode 600), never to the log. Kept across restarts.
/// </summary>
internal sealed partial class DevCredentials(
    IOptions<CemOptions> options, IOptions<CemIdentityOptions> identity, IServiceScopeFactory scopes, RegionDatabases regions,
    OrgUnitStore orgUnits, ILogger<DevCredentials> logger) : IHostedService
{
    public const string AdminUser = "demo-admin";
    public const string IngestClient = "demo-channel";
    public const string RootOrgUnit = "hq";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!identity.Value.CreateDevCredentials)
        {
            return;
        }

        await orgUnits.UpsertAsync(DemoTree(), cancellationToken).ConfigureAwait(false);
        var path = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "dev-credentials.json"));
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var clients = scope.ServiceProvider.GetRequiredService<ClientAdministration>();
        if (File.Exists(path) && await users.ExistsAsync(AdminUser).ConfigureAwait(false) && await clients.ExistsAsync(IngestClient, cancellationToken).ConfigureAwait(false))
        {
            LogKept(logger, path);
            return;
        }

        var password = "Demo-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + "!a";
        SecondFactorKey totp;
        if (await users.ExistsAsync(AdminUser).ConfigureAwait(false))
        {
            // Shared records rewritten for this node's file: say so, since another data folder's copy stops working.
            LogReplaced(logger, path);
            await users.ResetPasswordAsync(AdminUser, password).ConfigureAwait(false);
            totp = await users.ResetSecondFactorAsync(AdminUser, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var created = await users.AddAsync(new UserDraft(AdminUser, password, [CemRoles.Admin, CemRoles.Agent], [RootOrgUnit], [.. regions.Regions]), cancellationToken)
                .ConfigureAwait(false);
            totp = created.SecondFactor!;
        }

        var secret = await clients.ExistsAsync(IngestClient, cancellationToken).ConfigureAwait(false)
            ? await clients.RotateSecretAsync(IngestClient, cancellationToken).ConfigureAwait(false)
            : await clients.AddAsync(IngestClient, [.. regions.Regions], [RootOrgUnit], cancellationToken).ConfigureAwait(false);
        await WriteAsync(path, new
        {
            admin = new { userName = AdminUser, password, totpSecret = totp.Secret, totpUri = totp.OtpAuthUri, roles = new[] { CemRoles.Admin, CemRoles.Agent } },
            ingestClient = new { clientId = IngestClient, clientSecret = secret, scope = CemScopes.Ingest, regions = regions.Regions, orgUnits = new[] { RootOrgUnit } },
        }, cancellationToken).ConfigureAwait(false);
        LogWritten(logger, path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IReadOnlyList<OrgUnitDraft> DemoTree() => DemoOrgTree.For(regions.Regions);

    private static async Task WriteAsync(string path, object content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var streamOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(path, streamOptions))
        {
            await JsonSerializer.SerializeAsync(stream, content, Indented, cancellationToken).ConfigureAwait(false);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to a new file; an existing one keeps its mode otherwise.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development credentials (demo admin with TOTP, demo ingest client) written to {Path}")]
    private static partial void LogWritten(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development credentials: the demo admin existed in the control database but {Path} did not; its password and TOTP secret " +
        "and the demo channel's secret are replaced (shared by every node), so a dev-credentials.json of another data folder is stale now")]
    private static partial void LogReplaced(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development credentials unchanged: {Path}")]
    private static partial void LogKept(ILogger logger, string path);
}
