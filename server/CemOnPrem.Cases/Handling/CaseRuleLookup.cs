using CemOnPrem.Packs.Hosting;
using CemOnPrem.Sdk.Rules;

namespace CemOnPrem.Cases.Handling;

/// <summary>The active packs' case rules: defaults for a manual case of a type, and the root-cause codes a case's rule declares.</summary>
internal sealed class CaseRuleLookup(PackRegistry packs)
{
    /// <summary>The first active rule (packs in load order) that opens cases of <paramref name="caseType"/>.</summary>
    public (string PackId, CaseRule Rule)? ForCaseType(string caseType) =>
        packs.ActivePacks.SelectMany(p => p.Content.Rules.Select(r => (p.Id, r))).Where(x => x.r.CaseType == caseType)
            .Select(x => ((string, CaseRule)?)(x.Id, x.r)).FirstOrDefault();

    /// <returns>Null when <paramref name="code"/> is one the case's rule declares; otherwise why not.</returns>
    public string? RootCauseProblem(string? packId, string? ruleId, string code)
    {
        if (packId is null || ruleId is null)
        {
            return "this case has no pack rule, so it has no root-cause codes; record the root cause as text.";
        }

        var rule = packs.ActivePacks.FirstOrDefault(p => p.Id == packId)?.Content.Rules.FirstOrDefault(r => r.Id == ruleId);
        if (rule is null)
        {
            return $"the case's rule '{packId}/{ruleId}' is not in an active pack; record the root cause as text.";
        }

        return rule.RootCauses.Any(c => c.Code == code)
            ? null
            : rule.RootCauses.Count == 0
                ? $"rule '{packId}/{ruleId}' declares no root-cause codes; record the root cause as text."
                : $"'{code}' is not a root cause of rule '{packId}/{ruleId}'; one of: {string.Join(", ", rule.RootCauses.Select(c => c.Code))}.";
    }
}
