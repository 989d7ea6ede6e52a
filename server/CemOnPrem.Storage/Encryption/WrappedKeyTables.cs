using System.Text;

namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// Every region table holding data keys wrapped by the region's KEK, each with <c>key_id</c>, <c>kek_version</c>,
/// <c>wrapped</c> and <c>rewrapped_at</c>, and each key bound to <c>{table}|{region}|{key id}</c> when wrapped. KEK
/// rotation re-wraps the keys of every table listed here: a table of wrapped keys that is missing from this list
/// would keep needing an old KEK version forever.
/// </summary>
public static class WrappedKeyTables
{
    /// <summary>Customers' data keys (R0003).</summary>
    public const string CustomerKeys = "customer_keys";

    /// <summary>Data keys of cases without a customer (R0081; <c>rewrapped_at</c> from R0086).</summary>
    public const string CaseKeys = "case_keys";

    /// <summary>Data keys of anonymous survey responses (R0091; <c>rewrapped_at</c> from R0096).</summary>
    public const string SurveyResponseKeys = "survey_response_keys";

    /// <summary>The tables, as a closed list: their names go into SQL text, so they never come from input.</summary>
    public static IReadOnlyList<string> All { get; } = [CustomerKeys, CaseKeys, SurveyResponseKeys];

    /// <summary>What a key of <paramref name="table"/> is bound to when wrapped (associated data of the wrap).</summary>
    public static byte[] Binding(string table, string region, Guid keyId) => Encoding.UTF8.GetBytes($"{table}|{region}|{keyId:N}");
}
