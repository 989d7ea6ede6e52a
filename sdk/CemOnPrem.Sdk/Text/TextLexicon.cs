namespace CemOnPrem.Sdk.Text;

/// <summary>Topics and sentiment terms for free-text analysis in one language.</summary>
public sealed record TextLexicon
{
    /// <summary>Language code, e.g. <c>en</c>, <c>zh</c>.</summary>
    public required string Language { get; init; }

    /// <summary>Topics found by their terms (e.g. "wait time": queue, waited, 排队).</summary>
    public required IReadOnlyList<TextTopic> Topics { get; init; }

    /// <summary>Terms that express a positive experience.</summary>
    public required IReadOnlyList<string> Positive { get; init; }

    /// <summary>Terms that express a negative experience.</summary>
    public required IReadOnlyList<string> Negative { get; init; }

    /// <summary>Terms that flip the sentiment of the next term (not, never, 不, 没有).</summary>
    public IReadOnlyList<string> Negators { get; init; } = [];
}

/// <summary>A topic and the terms that signal it.</summary>
public sealed record TextTopic
{
    /// <summary>Unique within the pack.</summary>
    public required string Id { get; init; }

    /// <summary>Display name in the lexicon's language.</summary>
    public required string Name { get; init; }

    /// <summary>Words or phrases (case-insensitive; for <c>zh</c>, substrings).</summary>
    public required IReadOnlyList<string> Terms { get; init; }
}
