namespace CemOnPrem.Sdk.Testing;

internal sealed class Issues
{
    private readonly List<PackIssue> _all = [];

    public IReadOnlyList<PackIssue> All => _all;

    public void Add(string where, string problem) => _all.Add(new PackIssue(where, problem));

    public void Check(bool condition, string where, string problem)
    {
        if (!condition)
        {
            Add(where, problem);
        }
    }
}
