using System.Text.RegularExpressions;

namespace CemOnPrem.Server.Tests.Hostile;

/// <summary>
/// In .NET, <c>$</c> also matches before a final "\n", so a validation pattern ending in <c>$</c> lets "nps\n" pass as
/// a code. This guard reads the source tree and fails on any regular expression that ends with a <c>$</c> anchor.
/// </summary>
public sealed partial class RegexAnchorGuardTests
{
    [Fact]
    public void No_regular_expression_in_the_source_tree_ends_with_a_dollar_anchor()
    {
        var root = RepositoryRoot();
        var offenders = new List<string>();
        var scanned = 0;
        foreach (var folder in new[] { "server", "sdk", "plugins" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                var text = File.ReadAllText(file);
                foreach (Match match in RegexLiteral().Matches(text))
                {
                    scanned++;
                    // In a regular literal "\\" is one backslash of the pattern; in a verbatim one it is written as is.
                    var literal = match.Groups["pattern"].Value;
                    var pattern = match.Groups["verbatim"].Value.Length > 0 ? literal : literal.Replace("\\\\", "\\", StringComparison.Ordinal);
                    if (EndsWithDollar(pattern))
                    {
                        offenders.Add($"{Path.GetRelativePath(root, file)}: {match.Value}");
                    }
                }
            }
        }

        Assert.True(scanned >= 10, $"only {scanned} regular expressions found: is the scan still reading the right files?");
        Assert.True(offenders.Count == 0, "Anchor these with \\z instead of $ ($ also matches before a final newline):\n" + string.Join("\n", offenders));
    }

    [Theory]
    [InlineData("^[a-z]+$", true)]
    [InlineData("^(a|b)$", true)]
    [InlineData("^[a-z]+\\z", false)]
    [InlineData("^[a-z]+\\$", false)]
    [InlineData("[$]", false)]
    public void The_guard_recognises_a_trailing_dollar_anchor(string pattern, bool expected) =>
        Assert.Equal(expected, EndsWithDollar(pattern));

    // A '$' preceded by an odd number of backslashes is a literal dollar sign, not an anchor.
    private static bool EndsWithDollar(string pattern)
    {
        if (!pattern.EndsWith('$'))
        {
            return false;
        }

        var backslashes = pattern[..^1].Reverse().TakeWhile(c => c == '\\').Count();
        return backslashes % 2 == 0;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CemOnPrem.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("CemOnPrem.sln not found above " + AppContext.BaseDirectory);
    }

    // [GeneratedRegex("…")], [GeneratedRegex(@"…")], new Regex("…"), Regex.IsMatch(x, "…") / Match / Replace: the pattern literal.
    [GeneratedRegex(@"(?:GeneratedRegex\(|new\s+Regex\(|Regex\.(?:IsMatch|Match|Matches|Replace|Split)\([^,""]*,\s*)(?<verbatim>@?)""(?<pattern>(?:[^""\\]|\\.|"""")*)""", RegexOptions.CultureInvariant)]
    private static partial Regex RegexLiteral();
}
