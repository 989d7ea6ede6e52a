using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Cases.Notifications;

/// <summary>
/// Assignees' e-mail addresses from the identity schema (control database). A case's assignee is a user id; a user
/// name is accepted as well. Disabled users and users without an address get no mail.
/// </summary>
public sealed class AssigneeMailboxes(ControlDatabase control)
{
    /// <returns>Address by the assignee value asked for; assignees with none are absent.</returns>
    public async Task<IReadOnlyDictionary<string, string>> FindAsync(IReadOnlyCollection<string> assignees, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignees);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (assignees.Count == 0)
        {
            return found;
        }

        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Id, string? UserName, string Email)>(new CommandDefinition(
            """
            select "Id", "UserName", "Email" from identity."AspNetUsers"
            where ("Id" = any(@keys) or "UserName" = any(@keys)) and not "Disabled" and coalesce("Email", '') <> ''
            """, new { keys = assignees.ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var (id, userName, email) in rows)
        {
            found[id] = email;
            if (userName is not null && assignees.Contains(userName))
            {
                found[userName] = email;
            }
        }

        return found;
    }
}
