using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Http.Residency;
using CemOnPrem.Storage.Encryption;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace CemOnPrem.Http.Masking;

/// <summary>
/// Role-based masking of decrypted customer data before it leaves the server: compliance sees everything, an agent
/// sees masked contact fields unless the declared purpose allows full values, an analyst (and any other role) sees
/// pseudonyms only. The most privileged role a caller holds decides.
/// </summary>
public sealed class CustomerMasking(IOptions<MaskingOptions> options, FieldProtection protection, NodeRegions nodeRegions)
{
    private const string Withheld = "(withheld)";

    public MaskLevel LevelFor(ClaimsPrincipal user, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.HasClaim(OpenIddictConstants.Claims.Role, CemRoles.Compliance))
        {
            return MaskLevel.Full;
        }

        if (user.HasClaim(OpenIddictConstants.Claims.Role, CemRoles.Agent))
        {
            return purpose is not null && options.Value.FullValuePurposes.Contains(purpose, StringComparer.Ordinal) ? MaskLevel.Full : MaskLevel.Masked;
        }

        return MaskLevel.Pseudonymous;
    }

    public async Task<CustomerView> ApplyAsync(CustomerView view, MaskLevel level, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (level == MaskLevel.Full)
        {
            return view;
        }

        var key = await PseudonymKeyAsync(view.Region, level, cancellationToken).ConfigureAwait(false);
        return view with
        {
            Identities = [.. view.Identities.Select(identity => identity with { Value = Value(key, level, identity.Type, identity.Value) })],
            RecentEvents = [.. view.RecentEvents.Select(entry => Entry(key, level, entry))],
        };
    }

    public async Task<IReadOnlyList<TimelineEntry>> ApplyAsync(string region, IReadOnlyList<TimelineEntry> entries, MaskLevel level, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (level == MaskLevel.Full)
        {
            return entries;
        }

        var key = await PseudonymKeyAsync(region, level, cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(entry => Entry(key, level, entry))];
    }

    /// <summary>
    /// Masking needs no key; pseudonyms need the region's index key, which only a node serving the region holds
    /// (asking the provider elsewhere would create a different key): read through another region's node, personal
    /// values are withheld instead of pseudonymised.
    /// </summary>
    private async ValueTask<byte[]> PseudonymKeyAsync(string region, MaskLevel level, CancellationToken cancellationToken)
    {
        if (level != MaskLevel.Pseudonymous)
        {
            return [];
        }

        return nodeRegions.IsServedHere(region) ? await protection.IndexKeyAsync(region, cancellationToken).ConfigureAwait(false) : [];
    }

    private TimelineEntry Entry(byte[] key, MaskLevel level, TimelineEntry entry) => entry with
    {
        Attributes = entry.Attributes.ToDictionary(
            pair => pair.Key,
            pair => protection.Options.IsPersonal(pair.Key) ? Value(key, level, pair.Key, pair.Value) : pair.Value,
            StringComparer.Ordinal),
        // Free text cannot be pseudonymised; an agent needs it to handle the feedback (card numbers are already redacted).
        Text = level == MaskLevel.Pseudonymous ? null : entry.Text,
    };

    private static string Value(byte[] key, MaskLevel level, string kind, string value) =>
        level == MaskLevel.Masked ? ContactMask.Mask(kind, value) : key.Length == 0 ? Withheld : Pseudonym(key, kind, value);

    /// <summary>Stable per region and value (so an analyst can count distinct subjects), but not the blind index itself.</summary>
    private static string Pseudonym(byte[] key, string kind, string value) =>
        "psn-" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("pseudonym\n" + kind + "\n" + value)).AsSpan(0, 8));
}
