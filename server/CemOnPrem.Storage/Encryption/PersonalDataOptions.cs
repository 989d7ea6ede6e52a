namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// Which event attributes are personal (stored encrypted, invisible to analytics and packs' metrics) and how many
/// unwrapped data keys a node keeps in memory. Configuration: <c>Cem:Privacy</c>.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string Section = "Cem:Privacy";

    /// <summary>The default list; a bank adds its own names (configuration replaces the list, so repeat these).</summary>
    public static IReadOnlyList<string> DefaultPersonalAttributes { get; } =
    [
        "name", "first-name", "last-name", "full-name", "customer-name", "email", "phone", "mobile", "address", "street",
        "postcode", "postal-code", "zip", "city", "birth-date", "date-of-birth", "iban", "account-number", "contact",
    ];

    /// <summary>
    /// Attribute names whose values are personal. Compared ignoring case and the separators '-', '_' and '.', so
    /// <c>first-name</c> also covers <c>first_name</c> and <c>firstname</c>.
    /// </summary>
    public List<string> PersonalAttributes { get; set; } = [.. DefaultPersonalAttributes];

    /// <summary>Unwrapped data keys kept in memory per node.</summary>
    public int KeyCacheCapacity { get; set; } = 20_000;

    /// <summary>Folder of the file key provider (default: <c>{DataDirectory}/keys</c>).</summary>
    public string KeyDirectory { get; set; } = "";

    // Called for every attribute of every ingested event: the configured names are normalised once (again only if the
    // list is replaced or changes size), and the answer for an attribute name is remembered (names repeat; bounded).
    private NormalizedNames? _normalized;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _answers = new(StringComparer.Ordinal);
    private const int MaxRememberedNames = 1_000;
    private int _remembered;

    public bool IsPersonal(string attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        // A reference (read and written atomically), so concurrent first calls never see half a snapshot.
        var current = Volatile.Read(ref _normalized);
        if (current is null || !ReferenceEquals(current.List, PersonalAttributes) || current.Count != PersonalAttributes.Count)
        {
            current = new NormalizedNames(PersonalAttributes, PersonalAttributes.Count, PersonalAttributes.Select(Normalize).ToHashSet(StringComparer.Ordinal));
            Volatile.Write(ref _normalized, current);
            _answers.Clear();
            _remembered = 0;
        }

        if (_answers.TryGetValue(attribute, out var known))
        {
            return known;
        }

        var personal = current.Names.Contains(Normalize(attribute));
        // A counter, not _answers.Count: that would take every lock of the dictionary on each call.
        if (Volatile.Read(ref _remembered) < MaxRememberedNames && _answers.TryAdd(attribute, personal))
        {
            Interlocked.Increment(ref _remembered);
        }

        return personal;
    }

    private sealed record NormalizedNames(List<string> List, int Count, HashSet<string> Names);

    private static string Normalize(string name)
    {
        var kept = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is not ('-' or '_' or '.'))
            {
                kept.Append(char.ToLowerInvariant(c));
            }
        }

        return kept.ToString();
    }
}
