namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// <c>Cem:Surveys:Branding</c> and <c>Cem:Surveys:Respondent</c>: what the respondent page shows of the bank and how
/// much it accepts (docs/surveys.md "The respondent page").
/// </summary>
public sealed class RespondentOptions
{
    public const string BrandingSection = "Cem:Surveys:Branding";
    public const string Section = "Cem:Surveys:Respondent";

    /// <summary>The bank's name in every page's header (from <c>Cem:Surveys:Branding:Name</c>).</summary>
    public string BrandName { get; set; } = "CemOnPrem";

    /// <summary>A PNG, JPEG or SVG file the product serves as the page's logo (<c>Cem:Surveys:Branding:LogoPath</c>); empty: none.</summary>
    public string LogoPath { get; set; } = "";

    /// <summary>
    /// Largest accepted form body. 4,000 Chinese characters take 36 KB URL-encoded; the server refuses any form over
    /// 64 KiB before it reaches the page (ControlCharacterGuard), so the page's own limit stays below that to answer with
    /// its own 413 page.
    /// </summary>
    public int MaxFormBytes { get; set; } = 60 * 1024;

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(BrandName) || BrandName.Length > 100)
        {
            yield return $"{BrandingSection}:Name must be 1-100 characters.";
        }

        if (LogoPath.Length > 0 && !File.Exists(LogoPath))
        {
            yield return $"{BrandingSection}:LogoPath names no file ({LogoPath}).";
        }

        if (LogoPath.Length > 0 && RespondentAssets.ContentTypeOf(LogoPath) is null)
        {
            yield return $"{BrandingSection}:LogoPath must be a .png, .jpg, .jpeg or .svg file.";
        }

        if (MaxFormBytes is < 16 * 1024 or > 64 * 1024)
        {
            yield return $"{Section}:MaxFormBytes must be 16384-65536 (it is {MaxFormBytes}).";
        }
    }
}
