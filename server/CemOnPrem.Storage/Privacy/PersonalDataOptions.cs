namespace CemOnPrem.Storage.Privacy;

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

    public bool IsPersonal(string attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        var normalized = Normalize(attribute);
        return PersonalAttributes.Any(name => Normalize(name) == normalized);
    }

    private static string Normalize(string name) =>
        string.Concat(name.Where(c => c is not ('-' or '_' or '.'))).ToLowerInvariant();
}
