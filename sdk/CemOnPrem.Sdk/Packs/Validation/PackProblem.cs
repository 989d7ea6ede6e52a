namespace CemOnPrem.Sdk.Packs.Validation;

/// <summary>One broken pack rule: which rule, how serious, where in the pack and what is wrong.</summary>
/// <param name="Rule">The rule's name, as listed in <see cref="PackRules.All"/> (e.g. <c>manifest-id</c>, <c>stage-timeout</c>).</param>
/// <param name="Level">Whether the host refuses the pack for it (<see cref="PackRuleLevel.Load"/>) or only the kit reports it.</param>
/// <param name="Where">
/// The file and member at fault: <c>pack.json</c> for the manifest, otherwise the content folder, the item's id (its file
/// name by convention) and the member, e.g. <c>journeys/claim/stages/review</c>; <c>code</c> for the pack's code.
/// </param>
/// <param name="Message">What is wrong, in a sentence that names the field or value.</param>
public sealed record PackProblem(string Rule, PackRuleLevel Level, string Where, string Message)
{
    /// <summary>The problem as one line: <c>where: message (rule)</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => $"{Where}: {Message} ({Rule})";
}
