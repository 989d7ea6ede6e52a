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
        "name", "firstName", "lastName", "fullName", "customerName", "email", "phone", "mobile", "address", "street",
        "postcode", "postalCode", "zip", "city", "birthDate", "dateOfBirth", "iban", "accountNumber", "contact",
    ];

    /// <summary>Attribute names (case-insensitive) whose values are personal.</summary>
    public List<string> PersonalAttributes { get; set; } = [.. DefaultPersonalAttributes];

    /// <summary>Unwrapped data keys kept in memory per node.</summary>
    public int KeyCacheCapacity { get; set; } = 20_000;

    /// <summary>Folder of the file key provider (default: <c>{DataDirectory}/keys</c>).</summary>
    public string KeyDirectory { get; set; } = "";

    public bool IsPersonal(string attribute) => PersonalAttributes.Contains(attribute, StringComparer.OrdinalIgnoreCase);
}
