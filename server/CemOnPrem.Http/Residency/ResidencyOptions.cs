namespace CemOnPrem.Http.Residency;

/// <summary><c>Cem:Residency</c>: which regions this node serves, where it is, and which cross-border transfers are allowed.</summary>
public sealed class ResidencyOptions
{
    /// <summary>
    /// Regions (names under <c>Cem:Regions</c>) this node serves: it opens their databases, runs their writers and
    /// projections, and hosts their grains. Empty: every configured region (a single development node).
    /// </summary>
    public List<string> ServedRegions { get; set; } = [];

    /// <summary>
    /// The region whose jurisdiction this node runs in. Personal data of any other region that this node delivers
    /// is a cross-border transfer. Empty: the node counts as inside every region it serves (right for a node that
    /// serves one region, or all of them); required when it serves several but not all.
    /// </summary>
    public string Location { get; set; } = "";

    /// <summary>Allowed transfers; anything not listed is denied.</summary>
    public List<TransferRule> Transfers { get; set; } = [];
}

/// <summary>One allowed transfer: personal data of <see cref="From"/> may be delivered in <see cref="To"/> for one purpose.</summary>
public sealed class TransferRule
{
    public string From { get; set; } = "";

    public string To { get; set; } = "";

    /// <summary>The declared purpose (header <c>X-Cem-Purpose</c>) this rule allows.</summary>
    public string Purpose { get; set; } = "";

    /// <summary>Data categories (<see cref="TransferCategories"/>) this rule allows.</summary>
    public List<string> Categories { get; set; } = [];
}
