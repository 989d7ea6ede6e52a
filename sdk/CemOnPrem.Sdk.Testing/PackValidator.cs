using CemOnPrem.Sdk.Packs;
using CemOnPrem.Sdk.Packs.Validation;

namespace CemOnPrem.Sdk.Testing;

/// <summary>
/// Checks a pack against every rule of <see cref="PackRules"/>, the same rules the host applies when it loads the
/// pack (the host refuses only for <see cref="PackRuleLevel.Load"/> ones; a pack's tests should pass them all).
/// An empty result means valid.
/// </summary>
public static class PackValidator
{
    public static readonly string[] RequiredLanguages = [.. PackRules.RequiredLanguages];

    public static IReadOnlyList<PackIssue> Validate(PackContent pack, IPackCode? code = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return [.. PackRules.CheckContent(pack).Concat(PackRules.CheckCode(pack, code)).Select(problem => new PackIssue(problem.Where, problem.Message))];
    }
}
