namespace CemOnPrem.Sdk.Packs.Validation;

/// <summary>Collects the problems one check finds, each with its rule's name and level.</summary>
internal sealed class Problems
{
    private readonly List<PackProblem> _all = [];

    public IReadOnlyList<PackProblem> All => _all;

    public void Add(string rule, string where, string message) => _all.Add(new PackProblem(rule, PackRules.LevelOf(rule), where, message));

    public void Check(bool condition, string rule, string where, string message)
    {
        if (!condition)
        {
            Add(rule, where, message);
        }
    }
}
