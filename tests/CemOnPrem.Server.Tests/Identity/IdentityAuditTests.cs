extern alias cemctl;

using System.Net;
using System.Text.RegularExpressions;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Users;
using CemOnPrem.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using CemCtl = cemctl::CemOnPrem.Cli.CemCtl;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>
/// Every identity action leaves exactly one record with the right actor, action and outcome, and no password,
/// secret, one-time code or typed-in name: the login page, logout and <c>cemctl</c> (which appends to the same chain).
/// </summary>
public sealed class IdentityAuditTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string[] BothRegions => [ServerDatabases.Eu, ServerDatabases.Cn];

    [Fact]
    public async Task Successful_login_is_one_login_succeeded_record_naming_the_user_by_id()
    {
        var user = await server.Factory.AddUserAsync([CemRoles.Admin], ["hq"], BothRegions);
        var head = await server.Databases.HeadAsync();

        using var flow = new CodeFlow(server.Factory);
        await flow.SignInAsync(user.Name, user.Password, user.CurrentCode());

        var record = Assert.Single(await server.Databases.RecordsAfterAsync(head));
        Assert.Equal((AuditActions.LoginSucceeded, "allowed", "user:" + await IdOfAsync(user.Name), "login/password", "method=password+totp"),
            (record.Action, record.Outcome, record.Actor, record.Resource, record.Detail));
        Assert.Equal([CemRoles.Admin], record.Roles);
        AssertNoSecrets(record, user.Name, user.Password, user.TotpSecret!);
    }

    [Fact]
    public async Task Wrong_password_is_one_login_failed_record_without_the_password()
    {
        var user = await server.Factory.AddUserAsync([CemRoles.Agent], ["hq"], BothRegions);
        var head = await server.Databases.HeadAsync();

        using var flow = new CodeFlow(server.Factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await flow.SubmitLoginAsync(user.Name, "Typed-Passw0rd-secret", null)).StatusCode);

        var record = Assert.Single(await server.Databases.RecordsAfterAsync(head));
        Assert.Equal((AuditActions.LoginFailed, "denied", "user:" + await IdOfAsync(user.Name), "reason=wrong-password"),
            (record.Action, record.Outcome, record.Actor, record.Detail));
        AssertNoSecrets(record, user.Name, "Typed-Passw0rd-secret", user.Password);
    }

    [Fact]
    public async Task Unknown_user_is_recorded_by_a_pseudonym_of_the_typed_name_only()
    {
        var typed = "jane.doe." + Guid.NewGuid().ToString("N")[..6] + "@example.com";
        var head = await server.Databases.HeadAsync();

        using var flow = new CodeFlow(server.Factory);
        await flow.SubmitLoginAsync(typed, "Typed-Passw0rd-1", null);
        await flow.SubmitLoginAsync(typed.ToUpperInvariant(), "Typed-Passw0rd-2", null);

        var records = await server.Databases.RecordsAfterAsync(head);
        Assert.Equal(2, records.Count);
        Assert.All(records, record =>
        {
            Assert.Equal((AuditActions.LoginFailed, "denied", "reason=unknown-user"), (record.Action, record.Outcome, record.Detail));
            Assert.Matches("^unknown-user:pn1-[0-9a-f]{32}$", record.Actor);
            AssertNoSecrets(record, typed, typed.ToUpperInvariant(), "jane.doe", "Typed-Passw0rd");
        });
        // The same name (case aside) gives the same pseudonym, so repeated attempts can be grouped.
        Assert.Equal(records[0].Actor, records[1].Actor);
    }

    [Fact]
    public async Task Fifth_wrong_password_is_one_lockout_record_and_later_attempts_say_locked_out()
    {
        var user = await server.Factory.AddUserAsync([CemRoles.Agent], ["hq"], BothRegions);
        var head = await server.Databases.HeadAsync();

        // One address may fail only four times for a name (docs/security.md): the fifth failure comes from another.
        using var flow = new CodeFlow(server.Factory, "192.0.2.20");
        using var other = new CodeFlow(server.Factory, "192.0.2.21");
        for (var i = 0; i < 4; i++)
        {
            await flow.SubmitLoginAsync(user.Name, "Wrong-Passw0rd-x", null);
        }

        await other.SubmitLoginAsync(user.Name, "Wrong-Passw0rd-x", null);
        await other.SubmitLoginAsync(user.Name, user.Password, null);

        var records = await server.Databases.RecordsAfterAsync(head);
        Assert.Equal(
            [.. Enumerable.Repeat((AuditActions.LoginFailed, "reason=wrong-password"), 4), (AuditActions.LoginLockout, "reason=wrong-password"), (AuditActions.LoginFailed, "reason=locked-out")],
            records.Select(record => (record.Action, record.Detail)));
        var id = await IdOfAsync(user.Name);
        Assert.All(records, record => Assert.Equal(("denied", "user:" + id), (record.Outcome, record.Actor)));
    }

    [Fact]
    public async Task Logout_is_one_record_naming_the_signed_in_user()
    {
        var user = await server.Factory.AddUserAsync([CemRoles.Analyst], ["hq"], BothRegions);
        using var flow = new CodeFlow(server.Factory);
        await flow.SignInAsync(user.Name, user.Password, null);
        var head = await server.Databases.HeadAsync();

        var logout = await flow.LogoutAsync();

        Assert.True((int)logout.StatusCode < 400, $"logout answered {(int)logout.StatusCode}");
        var record = Assert.Single(await server.Databases.RecordsAfterAsync(head));
        Assert.Equal((AuditActions.Logout, "allowed", "user:" + await IdOfAsync(user.Name), "session=ended"), (record.Action, record.Outcome, record.Actor, record.Detail));
    }

    [Fact]
    public async Task Cemctl_user_changes_are_one_record_each_by_the_operator_in_the_servers_chain()
    {
        var name = "ops-" + Guid.NewGuid().ToString("N")[..8];
        var head = await server.Databases.HeadAsync();

        var add = await RunAsync("users", "add", name, "--role", CemRoles.Admin, "--org-unit", "hq", "--region", ServerDatabases.Eu);
        Assert.Equal(0, (await RunAsync("users", "set-roles", name, "--role", CemRoles.Agent, "--role", CemRoles.Analyst)).Code);
        Assert.Equal(0, (await RunAsync("users", "set-scope", name, "--org-unit", "north", "--region", ServerDatabases.Cn)).Code);
        var reset = await RunAsync("users", "reset-mfa", name);
        Assert.Equal(0, (await RunAsync("users", "disable", name)).Code);

        var records = await server.Databases.RecordsAfterAsync(head);
        var id = await IdOfAsync(name);
        Assert.Equal(
            [
                (AuditActions.UserAdd, "roles=admin; org-units=hq; regions=eu-central"),
                (AuditActions.UserMfaEnrol, "method=totp"),
                (AuditActions.UserRolesChange, "from roles=admin; to roles=agent,analyst"),
                (AuditActions.UserScopeChange, "from org-units=hq; regions=eu-central; to org-units=north; regions=cn-east"),
                (AuditActions.UserMfaReset, "method=totp; tokens=revoked"),
                (AuditActions.UserDisable, "tokens=revoked"),
            ],
            records.Select(record => (record.Action, record.Detail)));
        Assert.All(records, record =>
        {
            Assert.Equal(("operator:" + Environment.UserName, "user/" + id, "allowed"), (record.Actor, record.Resource, record.Outcome));
            AssertNoSecrets(record, name, Field("password").Match(add.Output).Groups[1].Value, Field("totp").Match(add.Output).Groups[1].Value,
                Field("totp").Match(reset.Output).Groups[1].Value);
        });
    }

    [Fact]
    public async Task Cemctl_client_changes_are_one_record_each_without_the_secret()
    {
        var id = "branch-app-" + Guid.NewGuid().ToString("N")[..8];
        var head = await server.Databases.HeadAsync();

        var add = await RunAsync("clients", "add", id, "--region", ServerDatabases.Eu, "--org-unit", "hq");
        var rotate = await RunAsync("clients", "rotate-secret", id);
        Assert.Equal(0, (await RunAsync("clients", "revoke", id)).Code);

        var records = await server.Databases.RecordsAfterAsync(head);
        Assert.Equal(
            [
                (AuditActions.ClientAdd, "scope=cem.ingest; org-units=hq; regions=eu-central"),
                (AuditActions.ClientRotateSecret, "secret=replaced"),
                (AuditActions.ClientRevoke, "tokens=revoked"),
            ],
            records.Select(record => (record.Action, record.Detail)));
        Assert.All(records, record =>
        {
            Assert.Equal(("operator:" + Environment.UserName, "client/" + id, "allowed"), (record.Actor, record.Resource, record.Outcome));
            AssertNoSecrets(record, Field("secret").Match(add.Output).Groups[1].Value, Field("secret").Match(rotate.Output).Groups[1].Value);
        });
    }

    [Fact]
    public async Task Cemctl_records_extend_the_chain_the_server_appends_to_without_a_fork()
    {
        var before = await server.Databases.HeadAsync();

        await Task.WhenAll(
            RunAsync("clients", "add", "fork-a-" + Guid.NewGuid().ToString("N")[..6], "--region", ServerDatabases.Eu, "--org-unit", "hq"),
            server.Factory.AddIngestClientAsync([ServerDatabases.Eu], ["hq"]),
            RunAsync("clients", "add", "fork-b-" + Guid.NewGuid().ToString("N")[..6], "--region", ServerDatabases.Eu, "--org-unit", "hq"));

        var records = await server.Databases.RecordsAfterAsync(before);
        Assert.Equal(3, records.Count);
        Assert.Equal(Enumerable.Range(1, 3).Select(n => before + n), records.Select(record => record.Sequence));
        for (var i = 1; i < records.Count; i++)
        {
            Assert.Equal(records[i - 1].Hash, records[i].PreviousHash);
        }

        Assert.Equal(2, records.Count(record => record.Actor.StartsWith("operator:", StringComparison.Ordinal)));
        Assert.Single(records, record => record.Actor == "system");
    }

    private static void AssertNoSecrets(AuditRecord record, params string[] values)
    {
        var text = record.Text();
        foreach (var value in values.Where(value => value.Length > 0))
        {
            Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<string> IdOfAsync(string userName)
    {
        await using var scope = server.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<CemUser>>().FindByNameAsync(userName))!.Id;
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CemCtl.RunAsync([.. args, "--control-db", server.Databases.Control], output, error);
        Assert.True(code == 0, error.ToString());
        return (code, output.ToString(), error.ToString());
    }

    private static Regex Field(string name) => new($@"^{name}:\s+(\S+)", RegexOptions.Multiline);
}
