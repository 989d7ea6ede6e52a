using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Storage.OrgUnits;
using System.Security.Claims;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Storage.Events;

using CemOnPrem.Http.Customers;

namespace CemOnPrem.Ingest;

/// <summary>
/// A channel client may post events only for the regions and org-unit subtrees it is bound to (claims of its
/// access token). Checked per event after validation; a denial is a 403 naming the missing binding.
/// </summary>
public sealed class IngestBinding
{
    private readonly CallerScope _scope;
    private readonly OrgTree _tree;

    private IngestBinding(CallerScope scope, OrgTree tree)
    {
        _scope = scope;
        _tree = tree;
    }

    public static async Task<IngestBinding> ForAsync(ClaimsPrincipal client, IEnumerable<string?> orgUnits, OrgTreeCache trees, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trees);
        var scope = CallerScope.Of(client);
        var tree = await trees.ForScopeAsync(scope.OrgUnits.Concat(orgUnits.OfType<string>()), cancellationToken).ConfigureAwait(false);
        return new IngestBinding(scope, tree);
    }

    /// <returns>Null when the event is within the binding; otherwise the missing permission.</returns>
    public string? Deny(NewEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!_scope.HasRegion(e.Region))
        {
            return $"a client binding to region '{e.Region}'";
        }

        if (e.OrgUnit is null)
        {
            return "an orgUnit on the event (this client is bound to the org units " + string.Join(", ", _scope.OrgUnits) + ")";
        }

        return _tree.IsWithin(e.OrgUnit, _scope.OrgUnits) ? null : $"a client binding to org unit '{e.OrgUnit}'";
    }
}
