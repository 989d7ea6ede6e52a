namespace CemOnPrem.Http.Residency;

/// <summary>Categories of personal data a transfer rule names (<c>Cem:Residency:Transfers:n:Categories</c>).</summary>
public static class TransferCategories
{
    /// <summary>Single customer view: identities, latest scores, recent events.</summary>
    public const string Profile = "profile";

    /// <summary>A customer's events (timeline).</summary>
    public const string Events = "events";

    /// <summary>A customer's journey instances and stage visits.</summary>
    public const string Journeys = "journeys";

    /// <summary>Which customer an external identity belongs to.</summary>
    public const string Identities = "identities";

    /// <summary>Everything about a subject (data-subject access exports, other exports of customer-level data).</summary>
    public const string Export = "export";

    /// <summary>A case about a customer (detail with customer fields, notes, root cause).</summary>
    public const string Cases = "cases";

    public static IReadOnlyList<string> All { get; } = [Profile, Events, Journeys, Identities, Export, Cases];
}
