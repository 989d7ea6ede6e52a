namespace CemOnPrem.Http.Masking;

/// <summary><c>Cem:Privacy:Masking</c>: the declared purposes under which an agent sees full contact values.</summary>
public sealed class MaskingOptions
{
    public const string Section = "Cem:Privacy:Masking";

    /// <summary>Purposes (<c>X-Cem-Purpose</c>) that allow an agent full values; any other purpose gets masked contact fields.</summary>
    public List<string> FullValuePurposes { get; set; } = ["case-handling", "dsar"];
}
