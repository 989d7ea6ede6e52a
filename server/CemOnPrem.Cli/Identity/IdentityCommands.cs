using System.CommandLine;
using System.Security.Cryptography;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Clients;
using CemOnPrem.Identity.Users;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Cli.Identity;

/// <summary><c>cemctl users add|disable|reset-mfa|set-roles|set-scope|link</c>, <c>cemctl clients add|rotate-secret|revoke</c>, <c>cemctl roles list</c>.</summary>
internal static class IdentityCommands
{
    public static IEnumerable<Command> Build(TextWriter output, TextWriter error) => [Users(output, error), Clients(output, error), Roles(output)];

    private static Option<string?> ControlDb() =>
        new("--control-db") { Description = $"Control database connection string (default: ${ControlDatabaseServices.ConnectionVariable})." };

    private static Option<string[]> Many(string name, string description) =>
        new(name) { Description = description, Required = true, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };

    private static Command Users(TextWriter output, TextWriter error)
    {
        var users = new Command("users", "People who sign in: roles, scope, second factor.");

        var name = new Argument<string>("name") { Description = "User name." };
        var roles = Many("--role", $"Role(s): {string.Join(", ", CemRoles.All)}.");
        var orgUnits = Many("--org-unit", "Org unit(s) whose subtree the user may act in.");
        var regions = Many("--region", "Residency region(s) the user may act in.");
        var db = ControlDb();
        var add = new Command("add", "Create a user with a generated password (printed once); admin and compliance also get a TOTP secret.")
            { name, roles, orgUnits, regions, db };
        add.SetAction((parse, _) => ControlDatabaseServices.RunAsync(parse.GetValue(db), error, async services =>
        {
            var password = NewPassword();
            var user = await services.GetRequiredService<UserAdministration>().AddAsync(
                new UserDraft(parse.GetValue(name)!, password, parse.GetValue(roles)!, parse.GetValue(orgUnits)!, parse.GetValue(regions)!), CancellationToken.None).ConfigureAwait(false);
            await output.WriteLineAsync($"user:     {user.UserName}").ConfigureAwait(false);
            await output.WriteLineAsync($"password: {password}   (shown once; hand it over securely)").ConfigureAwait(false);
            await PrintSecondFactorAsync(output, user.SecondFactor).ConfigureAwait(false);
            return 0;
        }));
        users.Add(add);

        var disableName = new Argument<string>("name") { Description = "User name." };
        var disableDb = ControlDb();
        var disable = new Command("disable", "Disable a user; their tokens are revoked, so their next call is refused.") { disableName, disableDb };
        disable.SetAction((parse, cancellationToken) => ControlDatabaseServices.RunAsync(parse.GetValue(disableDb), error, async services =>
        {
            await services.GetRequiredService<UserAdministration>().DisableAsync(parse.GetValue(disableName)!, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"disabled {parse.GetValue(disableName)}; tokens revoked").ConfigureAwait(false);
            return 0;
        }));
        users.Add(disable);

        var resetName = new Argument<string>("name") { Description = "User name." };
        var resetDb = ControlDb();
        var reset = new Command("reset-mfa", "Give a user a new TOTP secret (the old authenticator stops working; tokens are revoked).") { resetName, resetDb };
        reset.SetAction((parse, cancellationToken) => ControlDatabaseServices.RunAsync(parse.GetValue(resetDb), error, async services =>
        {
            var key = await services.GetRequiredService<UserAdministration>().ResetSecondFactorAsync(parse.GetValue(resetName)!, cancellationToken).ConfigureAwait(false);
            await PrintSecondFactorAsync(output, key).ConfigureAwait(false);
            return 0;
        }));
        users.Add(reset);

        var rolesName = new Argument<string>("name") { Description = "User name." };
        var newRoles = Many("--role", $"The user's roles from now on: {string.Join(", ", CemRoles.All)}.");
        var rolesDb = ControlDb();
        var setRoles = new Command("set-roles", "Replace a user's roles (new tokens carry them: within one access-token lifetime).") { rolesName, newRoles, rolesDb };
        setRoles.SetAction((parse, _) => ControlDatabaseServices.RunAsync(parse.GetValue(rolesDb), error, async services =>
        {
            await services.GetRequiredService<UserAdministration>().SetRolesAsync(parse.GetValue(rolesName)!, parse.GetValue(newRoles)!).ConfigureAwait(false);
            await output.WriteLineAsync($"roles of {parse.GetValue(rolesName)}: {string.Join(", ", parse.GetValue(newRoles)!)}").ConfigureAwait(false);
            return 0;
        }));
        users.Add(setRoles);

        var scopeName = new Argument<string>("name") { Description = "User name." };
        var newOrgUnits = Many("--org-unit", "Org unit(s) whose subtree the user may act in from now on.");
        var newRegions = Many("--region", "Residency region(s) the user may act in from now on.");
        var scopeDb = ControlDb();
        var setScope = new Command("set-scope", "Replace a user's scope (org-unit subtrees and regions).") { scopeName, newOrgUnits, newRegions, scopeDb };
        setScope.SetAction((parse, _) => ControlDatabaseServices.RunAsync(parse.GetValue(scopeDb), error, async services =>
        {
            await services.GetRequiredService<UserAdministration>().SetScopeAsync(parse.GetValue(scopeName)!, parse.GetValue(newOrgUnits)!, parse.GetValue(newRegions)!)
                .ConfigureAwait(false);
            await output.WriteLineAsync($"scope of {parse.GetValue(scopeName)}: org units {string.Join(", ", parse.GetValue(newOrgUnits)!)}; regions {string.Join(", ", parse.GetValue(newRegions)!)}")
                .ConfigureAwait(false);
            return 0;
        }));
        users.Add(setScope);

        var linkName = new Argument<string>("name") { Description = "User name." };
        var provider = new Option<string>("--federation") { Description = "The identity provider's name (Cem:Identity:Federation:{name}).", Required = true };
        var subject = new Option<string>("--subject") { Description = "The person's subject ('sub') at that provider.", Required = true };
        var linkDb = ControlDb();
        var link = new Command("link", "Let a user sign in through the bank's identity provider (when it does not create users itself).") { linkName, provider, subject, linkDb };
        link.SetAction((parse, _) => ControlDatabaseServices.RunAsync(parse.GetValue(linkDb), error, async services =>
        {
            await services.GetRequiredService<UserAdministration>().LinkFederatedAsync(parse.GetValue(linkName)!, parse.GetValue(provider)!, parse.GetValue(subject)!).ConfigureAwait(false);
            await output.WriteLineAsync($"linked {parse.GetValue(linkName)} to its {parse.GetValue(provider)} account").ConfigureAwait(false);
            return 0;
        }));
        users.Add(link);
        return users;
    }

    private static Command Clients(TextWriter output, TextWriter error)
    {
        var clients = new Command("clients", "Channel clients (client credentials, scope cem.ingest) bound to regions and org units.");

        var id = new Argument<string>("client-id") { Description = "Client id the channel authenticates with." };
        var regions = Many("--region", "Region(s) the client may post events for.");
        var orgUnits = Many("--org-unit", "Org unit(s) whose subtree the client may post events for.");
        var db = ControlDb();
        var add = new Command("add", "Register a channel client; prints its secret once.") { id, regions, orgUnits, db };
        add.SetAction((parse, cancellationToken) => ControlDatabaseServices.RunAsync(parse.GetValue(db), error, async services =>
        {
            var secret = await services.GetRequiredService<ClientAdministration>()
                .AddAsync(parse.GetValue(id)!, parse.GetValue(regions)!, parse.GetValue(orgUnits)!, cancellationToken).ConfigureAwait(false);
            await PrintSecretAsync(output, parse.GetValue(id)!, secret).ConfigureAwait(false);
            return 0;
        }));
        clients.Add(add);

        var rotateId = new Argument<string>("client-id") { Description = "Client id." };
        var rotateDb = ControlDb();
        var rotate = new Command("rotate-secret", "Replace a client's secret (the old one stops working at once); prints the new one.") { rotateId, rotateDb };
        rotate.SetAction((parse, cancellationToken) => ControlDatabaseServices.RunAsync(parse.GetValue(rotateDb), error, async services =>
        {
            var secret = await services.GetRequiredService<ClientAdministration>().RotateSecretAsync(parse.GetValue(rotateId)!, cancellationToken).ConfigureAwait(false);
            await PrintSecretAsync(output, parse.GetValue(rotateId)!, secret).ConfigureAwait(false);
            return 0;
        }));
        clients.Add(rotate);

        var revokeId = new Argument<string>("client-id") { Description = "Client id." };
        var revokeDb = ControlDb();
        var revoke = new Command("revoke", "Remove a client and revoke its tokens; its next call is refused.") { revokeId, revokeDb };
        revoke.SetAction((parse, cancellationToken) => ControlDatabaseServices.RunAsync(parse.GetValue(revokeDb), error, async services =>
        {
            await services.GetRequiredService<ClientAdministration>().RevokeAsync(parse.GetValue(revokeId)!, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"revoked {parse.GetValue(revokeId)}; its tokens no longer work").ConfigureAwait(false);
            return 0;
        }));
        clients.Add(revoke);
        return clients;
    }

    private static Command Roles(TextWriter output)
    {
        var roles = new Command("roles", "The roles users can hold.");
        var list = new Command("list", "List the roles and what they allow.");
        list.SetAction(_ =>
        {
            foreach (var role in CemRoles.All)
            {
                output.WriteLine($"{role,-17} {CemRoles.Describe(role)}");
            }

            return 0;
        });
        roles.Add(list);
        return roles;
    }

    private static async Task PrintSecondFactorAsync(TextWriter output, SecondFactorKey? key)
    {
        if (key is null)
        {
            return;
        }

        await output.WriteLineAsync($"totp:     {key.Secret}").ConfigureAwait(false);
        await output.WriteLineAsync($"otpauth:  {key.OtpAuthUri}   (add to an authenticator app; the login page asks for its code)").ConfigureAwait(false);
    }

    private static Task PrintSecretAsync(TextWriter output, string clientId, string secret) =>
        output.WriteLineAsync($"client: {clientId}\nsecret: {secret}   (shown once; store it in the channel's secret store)");

    // 24 random characters from four classes: meets the default password policy, printed once.
    private static string NewPassword() =>
        "Cem-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y') + "-7a";
}
