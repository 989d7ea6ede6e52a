using CemOnPrem.Packs.Hosting;
using CemOnPrem.Sdk.Packs;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Governance.Retention;

/// <summary>
/// The retention period in force per data category: the operator's configuration (<c>Cem:Privacy:Retention:Periods</c>)
/// where set, otherwise the active packs' defaults, otherwise none (kept). When packs disagree the longest default
/// wins: a pack declares a period because it may need the data for a duty (a complaint file, a warranty), and purging
/// early would break that duty irreversibly, while keeping longer can still be shortened by configuration.
/// </summary>
public sealed class RetentionPeriods(IOptions<PrivacyOptions> options, PackRegistry packs)
{
    /// <summary>The source of a configured period.</summary>
    public const string Configuration = "configuration";

    /// <summary>The source of a pack default: <c>pack:{pack id}</c>.</summary>
    public static string FromPack(string packId) => "pack:" + packId;

    /// <summary>Every category with a period, in category order.</summary>
    public IReadOnlyList<RetentionPeriod> Effective()
    {
        var privacy = options.Value;
        var periods = privacy.Retention.Periods.ToDictionary(p => p.Key, p => new RetentionPeriod(p.Key, p.Value, Configuration), StringComparer.Ordinal);
        var defaults = packs.ActivePacks
            .SelectMany(pack => pack.Content.Manifest.RetentionDefaults.Select(d => (Pack: pack.Content.Manifest.Id, Default: d)))
            // The host loads packs without the SDK validator, so an invalid default is ignored here rather than trusted.
            .Where(d => DataRetention.Problem(d.Pack, d.Default) is null)
            // An invitation purged younger than the trigger window would be decided again by the projection.
            .Where(d => d.Default.Category != RetentionCategories.SurveyInvitations || d.Default.Days > privacy.SurveyCauseMaxAgeDays)
            .GroupBy(d => d.Default.Category, StringComparer.Ordinal);
        foreach (var category in defaults)
        {
            if (!periods.ContainsKey(category.Key))
            {
                var longest = category.OrderByDescending(d => d.Default.Days).ThenBy(d => d.Pack, StringComparer.Ordinal).First();
                periods[category.Key] = new RetentionPeriod(category.Key, longest.Default.Days, FromPack(longest.Pack));
            }
        }

        return [.. periods.Values.OrderBy(p => p.Category, StringComparer.Ordinal)];
    }
}

/// <summary>A category's period in days and where it came from (<see cref="RetentionPeriods.Configuration"/> or <c>pack:{id}</c>).</summary>
public sealed record RetentionPeriod(string Category, int Days, string Source);
