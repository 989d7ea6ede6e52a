extern alias cemctl;

using System.Net;
using System.Text.RegularExpressions;
using cemctl::CemOnPrem.Cli;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Validation;
using CemOnPrem.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Server.Tests.Cli;

/// <summary><c>cemctl users|clients|roles</c> in-process against a running server's control database.</summary>
public sealed class CemCtlIdentityTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_add_prints_a_password_and_totp_that_sign_in_and_disable_stops_the_user()
    {
        var name = "ops-" + Guid.NewGuid().ToString("N")[..8];

        var add = await RunAsync("users", "add", name, "--role", CemRoles.Admin, "--org-unit", "hq", "--region", ServerDatabases.Eu);

        Assert.Equal((0, ""), (add.Code, add.Error));
        var totp = Field("totp").Match(add.Output).Groups[1].Value;
        var user = new TestUser(name, Field("password").Match(add.Output).Groups[1].Value, totp);
        Assert.StartsWith("otpauth://totp/", Field("otpauth").Match(add.Output).Groups[1].Value, StringComparison.Ordinal);
        using var admin = server.Factory.WithBearer(await server.Factory.UserTokenAsync(user), purpose: null);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/packs", Cancellation)).StatusCode);

        var reset = await RunAsync("users", "reset-mfa", name);
        Assert.Equal(0, reset.Code);
        Assert.NotEqual(totp, Field("totp").Match(reset.Output).Groups[1].Value);
        Assert.Equal(HttpStatusCode.Unauthorized, await UntilRefusedAsync(async () => (await admin.GetAsync("/api/v1/packs", Cancellation)).StatusCode));

        Assert.Equal(0, (await RunAsync("users", "disable", name)).Code);
        using var flow = new CodeFlow(server.Factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await flow.SubmitLoginAsync(name, user.Password, user.CurrentCode())).StatusCode);
    }

    [Fact]
    public async Task Clients_add_rotate_and_revoke()
    {
        var id = "branch-app-" + Guid.NewGuid().ToString("N")[..8];

        var add = await RunAsync("clients", "add", id, "--region", ServerDatabases.Eu, "--org-unit", "hq");
        Assert.Equal(0, add.Code);
        var secret = Field("secret").Match(add.Output).Groups[1].Value;
        using var channel = server.Factory.WithBearer(await server.Factory.ClientTokenAsync(id, secret), purpose: null);
        Assert.Equal(HttpStatusCode.Accepted, (await channel.PostAsync("/api/v1/events", Events.Json(new Events().Feedback()), Cancellation)).StatusCode);

        var rotate = await RunAsync("clients", "rotate-secret", id);
        Assert.Equal(0, rotate.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Factory.RequestClientTokenAsync(id, secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Factory.RequestClientTokenAsync(id, Field("secret").Match(rotate.Output).Groups[1].Value)).StatusCode);

        Assert.Equal(0, (await RunAsync("clients", "revoke", id)).Code);
        Assert.Equal(HttpStatusCode.Unauthorized,
            await UntilRefusedAsync(async () => (await channel.PostAsync("/api/v1/events", Events.Json(new Events().Feedback()), Cancellation)).StatusCode));
    }

    /// <summary>
    /// cemctl works in its own process (here: its own services), so the server learns of a revocation when it next
    /// validates the token in full: within <c>Cem:Identity:TokenCheckCacheSeconds</c>, never later. The first answer
    /// other than a success, or the last success once that bound (plus slack for a slow machine) has passed.
    /// </summary>
    private async Task<HttpStatusCode> UntilRefusedAsync(Func<Task<HttpStatusCode>> call)
    {
        var deadline = DateTimeOffset.UtcNow + server.Factory.Services.GetRequiredService<ValidatedTokenCache>().Lifetime + TimeSpan.FromSeconds(5);
        HttpStatusCode status;
        do
        {
            status = await call();
        }
        while ((int)status is >= 200 and < 300 && DateTimeOffset.UtcNow < deadline);

        return status;
    }

    [Fact]
    public async Task Mistakes_are_one_line_and_exit_code_1()
    {
        var unknownRole = await RunAsync("users", "add", "x-" + Guid.NewGuid().ToString("N")[..6], "--role", "root", "--org-unit", "hq", "--region", ServerDatabases.Eu);
        var unknownUser = await RunAsync("users", "disable", "nobody-" + Guid.NewGuid().ToString("N")[..6]);
        var noDatabase = await CemCtl.RunAsync(["clients", "revoke", "x"], new StringWriter(), new StringWriter());

        Assert.Equal((1, "cemctl: roles: give at least one of admin, analyst, agent, compliance, auditor-readonly; unknown: root.\n"), (unknownRole.Code, unknownRole.Error));
        Assert.Equal(1, unknownUser.Code);
        Assert.EndsWith("does not exist.\n", unknownUser.Error, StringComparison.Ordinal);
        Assert.Equal(1, noDatabase);
    }

    [Fact]
    public async Task Roles_list_names_every_role()
    {
        var output = new StringWriter();

        var list = await CemCtl.RunAsync(["roles", "list"], output, new StringWriter());

        Assert.Equal(0, list);
        Assert.Equal(CemRoles.All, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[0]));
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CemCtl.RunAsync([.. args, "--control-db", server.Databases.Control], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static Regex Field(string name) => new($@"^{name}:\s+(\S+)", RegexOptions.Multiline);
}
