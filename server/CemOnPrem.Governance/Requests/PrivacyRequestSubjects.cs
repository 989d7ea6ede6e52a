using System.Text.RegularExpressions;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Governance.Requests;

/// <summary>Finds the customer a request is about: by id (survivor of stitching) or by an external identity.</summary>
public sealed partial class PrivacyRequestSubjects(EventLogReader log, ConsentLedger ledger)
{
    public async Task<string?> ResolveAsync(PrivacyRequestBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.CustomerId is { } customerId)
        {
            return CustomerIdPattern().IsMatch(customerId) ? await ledger.SurvivorOfAsync(body.Region!, customerId, cancellationToken).ConfigureAwait(false) : null;
        }

        var identity = body.Identity!;
        // PrivacyRequestBody.Validate refused unusable values (422); the check here keeps a junk value from matching regardless.
        if (IdentityRules.Check(identity.Type!, identity.Value!).Value is not { } normalized)
        {
            return null;
        }

        var found = await log.LookupAsync(body.Region!, identity.Type!, normalized, cancellationToken).ConfigureAwait(false);
        return found is null ? null : await ledger.SurvivorOfAsync(body.Region!, found, cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex("^c-[0-9a-f]{32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CustomerIdPattern();
}
