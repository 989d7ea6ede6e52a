namespace CemOnPrem.Governance.Erasure;

/// <summary>
/// Every region-database table with a <c>customer_id</c> column, in the one place erasure and retention read it.
/// A test lists the tables with such a column from the catalog and fails for one that is in neither list, so a table
/// added later (the encryption branch's <c>customer_keys</c>, say) cannot be forgotten. <c>grain_state</c> is keyed by
/// grain key instead (<c>{region}/{customerId}</c>) and handled next to this list.
/// </summary>
public static class ErasureTables
{
    /// <summary>Deleted for every erased customer, in this order (rows that reference <c>customers</c> first).</summary>
    public static IReadOnlyList<string> Erased { get; } =
    [
        "survey_invitations",
        "consent_entries",
        "analytics_exclusions",
        "legal_holds",
        "journeys",
        "customer_analytics",
        "customer_identities",
        "events",
        // the customer's data keys (and those of customers stitched into it): crypto-shredding
        "customer_keys",
        "customers",
    ];

    /// <summary>Kept on purpose, with why.</summary>
    public static IReadOnlyDictionary<string, string> Kept { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["privacy_requests"] = "the record that the subject's request was made and fulfilled (Art. 5(2) accountability); holds the random customer id, which resolves to nothing afterwards, and no identity value",
        ["cases"] = "the record that a complaint or follow-up was handled (complaint-handling records must be kept for years): the customer link is removed and the personal text, encrypted with the customer's key, is crypto-shredded and cleared (CaseUnlinking; docs/cases.md, \"Personal data in cases\")",
        ["survey_responses"] = "the aggregate record of an answered survey (scores per question, org unit, when) that response rates and per-question statistics count: the customer link is removed and the free text, encrypted with the customer's key, is crypto-shredded and cleared (SurveyUnlinking; docs/surveys.md, \"Personal data in surveys\")",
        ["invitations"] = "the aggregate record that a survey was sent, opened and answered (response rates per channel and org unit): the customer link is removed and an unsent one is suppressed (SurveyUnlinking; docs/surveys.md, \"Personal data in surveys\")",
    };
}
