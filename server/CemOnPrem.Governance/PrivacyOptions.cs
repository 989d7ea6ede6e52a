namespace CemOnPrem.Governance;

/// <summary>Settings of the privacy controls (section <c>Cem:Privacy</c>); see docs/privacy.md.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Cem:Privacy";

    /// <summary>
    /// Purposes and their legal basis (<c>consent</c> or <c>legitimate-interest</c>). Purposes that packs' surveys name
    /// are added with basis <c>consent</c> unless listed here.
    /// </summary>
    public Dictionary<string, string> Purposes { get; set; } = new(StringComparer.Ordinal)
    {
        ["feedback-survey"] = LegalBasis.Consent,
        ["analytics"] = LegalBasis.LegitimateInterest,
        ["text-mining"] = LegalBasis.Consent,
        ["marketing"] = LegalBasis.Consent,
    };

    /// <summary>Months a data-subject request may take (GDPR Art. 12(3): one month).</summary>
    public int RequestDeadlineMonths { get; set; } = 1;

    /// <summary>Lets the compliance user who filed a request approve it too (off: four eyes).</summary>
    public bool AllowSelfApproval { get; set; }

    /// <summary>
    /// Survey triggers older than this are not evaluated (a re-derivation after a rebuild, or history loaded in bulk,
    /// must not invite people for visits months ago).
    /// </summary>
    public int SurveyCauseMaxAgeDays { get; set; } = 7;

    public RetentionOptions Retention { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        foreach (var (purpose, basis) in Purposes)
        {
            if (!ConsentPurposes.IsValidName(purpose))
            {
                yield return $"{Section}:Purposes:{purpose} is not a purpose name ([a-z0-9-], 1-64 characters).";
            }

            if (basis is not (LegalBasis.Consent or LegalBasis.LegitimateInterest))
            {
                yield return $"{Section}:Purposes:{purpose} must be '{LegalBasis.Consent}' or '{LegalBasis.LegitimateInterest}' (is '{basis}').";
            }
        }

        if (RequestDeadlineMonths is < 1 or > 3)
        {
            yield return $"{Section}:RequestDeadlineMonths must be 1 to 3 (GDPR allows an extension to three months; is {RequestDeadlineMonths}).";
        }

        if (SurveyCauseMaxAgeDays is < 1 or > 365)
        {
            yield return $"{Section}:SurveyCauseMaxAgeDays must be between 1 and 365 (is {SurveyCauseMaxAgeDays}).";
        }

        foreach (var failure in Retention.Validate(SurveyCauseMaxAgeDays))
        {
            yield return failure;
        }
    }
}

/// <summary>The legal bases a purpose can rest on (GDPR Art. 6(1)(a) and (f)).</summary>
public static class LegalBasis
{
    /// <summary>Processing only while the customer's latest entry is a grant.</summary>
    public const string Consent = "consent";

    /// <summary>Processing unless the customer's latest entry is a withdrawal (objection).</summary>
    public const string LegitimateInterest = "legitimate-interest";
}
