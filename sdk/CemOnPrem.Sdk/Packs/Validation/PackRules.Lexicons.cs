namespace CemOnPrem.Sdk.Packs.Validation;

public static partial class PackRules
{
    private static void CheckLexicons(PackContent pack, Problems problems)
    {
        foreach (var language in RequiredLanguages.Where(l => pack.Lexicons.All(x => x.Language != l)))
        {
            problems.Add("languages", "lexicons", $"no lexicon for '{language}'.");
        }

        foreach (var duplicate in pack.Lexicons.GroupBy(l => l.Language, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add("lexicon-shape", "lexicons", $"two lexicons for '{duplicate.Key}'.");
        }

        foreach (var lexicon in pack.Lexicons)
        {
            var at = $"lexicons/{lexicon.Language}";
            Unique(lexicon.Topics, t => t.Id, at, "topic", problems);
            problems.Check(lexicon.Positive.Count > 0 && lexicon.Negative.Count > 0, "lexicon-terms", at, "needs positive and negative terms.");
            foreach (var topic in lexicon.Topics.Where(t => t.Terms.Count == 0 || t.Terms.Any(string.IsNullOrWhiteSpace)))
            {
                problems.Add("lexicon-shape", at, $"topic '{topic.Id}' has no (or blank) terms.");
            }
        }
    }
}
