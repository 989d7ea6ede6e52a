using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Rules;

/// <summary>
/// The rules that run now: every active pack's rules minus those switched off by <c>Cem:Cases:Rules:Disabled</c>.
/// A switch naming no rule of an active pack is logged as a warning (once per set of active packs), not refused: the
/// pack may simply not be installed or enabled on this deployment.
/// </summary>
public sealed partial class ActiveCaseRules(ICaseRulePacks packs, IOptions<CaseRulesOptions> options, ILogger<ActiveCaseRules> logger)
{
    private readonly HashSet<string> _disabled = new(options.Value.Disabled, StringComparer.Ordinal);
    private string? _checkedFor;

    public IReadOnlyList<PackRule> Current()
    {
        var all = packs.Active.SelectMany(pack => pack.Rules.Select(rule => new PackRule(pack, rule))).ToList();
        CheckSwitches(all);
        return [.. all.Where(rule => !_disabled.Contains(rule.Name))];
    }

    /// <summary>Called at start and whenever the set of active packs changes.</summary>
    private void CheckSwitches(List<PackRule> all)
    {
        var active = string.Join(',', all.Select(r => r.PackId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        if (_disabled.Count == 0 || Volatile.Read(ref _checkedFor) == active)
        {
            return;
        }

        Volatile.Write(ref _checkedFor, active);
        var known = all.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in _disabled.Where(name => !known.Contains(name)).Order(StringComparer.Ordinal))
        {
            LogUnknownSwitch(logger, CaseRulesOptions.Section, unknown);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Section}:Disabled names '{Rule}', which is no rule of an active pack; the entry has no effect")]
    private static partial void LogUnknownSwitch(ILogger logger, string section, string rule);
}
