using System.Globalization;
using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Packs.Insurance;

/// <summary>
/// Claims paid within the promised days: of the claims paid, the share whose payment (<c>claim-paid</c>)
/// came no later than the promised number of days after the customer agreed the settlement
/// (<c>settlement-agreed</c>). This is the clock of the PRC Insurance Law, Art. 23 (pay within 10 days of
/// agreeing the amount), and of most insurers' own service promises, which are often shorter (e.g. motor
/// claims paid within 3 days).
/// <list type="bullet">
/// <item>The promise is the settlement event's <c>promised-days</c> attribute (a whole number of calendar
/// days, 1–365); without it, or when it is not such a number, 10 days. A payment exactly on the last
/// promised moment is on time.</item>
/// <item>A payment belongs to the newest earlier settlement agreement of the same claim: the same
/// <c>claim-id</c> attribute when the payment carries one (so concurrent claims do not mix), otherwise the
/// newest settlement agreement of the customer.</item>
/// <item>Only the first payment after an agreement counts (instalments and supplementary payments of the
/// same agreement do not count again; a re-opened claim agrees a new settlement and counts again).</item>
/// <item>A payment without an earlier settlement agreement in the customer's history (e.g. an ex-gratia or
/// fast-track payment) does not count. Feedback events that carry the payment touchpoint (survey answers)
/// are not payments.</item>
/// </list>
/// </summary>
public sealed class ClaimsPaidWithinPromise : IMetricCalculator
{
    public const string SettlementAgreed = "settlement-agreed";
    public const string ClaimPaid = "claim-paid";
    public const string ClaimIdAttribute = "claim-id";
    public const string PromisedDaysAttribute = "promised-days";

    /// <summary>Days allowed when the settlement does not say: PRC Insurance Law, Art. 23.</summary>
    public const int DefaultPromisedDays = 10;

    public string MetricId => "claims-paid-within-promise";

    public MetricContribution? Contribute(MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payment = context.Current;
        if (!payment.IsTouchpoint(ClaimPaid))
        {
            return null;
        }

        var claimId = payment.Attributes.GetValueOrDefault(ClaimIdAttribute);
        PackEvent? agreement = null;
        foreach (var earlier in context.History) // newest first
        {
            if (!SameClaim(earlier, claimId))
            {
                continue;
            }

            if (earlier.IsTouchpoint(ClaimPaid))
            {
                return null; // this agreement was already paid: a further instalment, not a new claim payment
            }

            if (earlier.IsTouchpoint(SettlementAgreed))
            {
                agreement = earlier;
                break;
            }
        }

        if (agreement is null)
        {
            return null;
        }

        var promise = TimeSpan.FromDays(PromisedDays(agreement));
        // × 100 so the value reads as a percentage like the built-in rates.
        return new MetricContribution(payment.OccurredAt - agreement.OccurredAt <= promise ? 100 : 0, 1);
    }

    private static bool SameClaim(PackEvent e, string? claimId) =>
        claimId is null || (e.Attributes.TryGetValue(ClaimIdAttribute, out var other) && other == claimId);

    private static int PromisedDays(PackEvent agreement) =>
        agreement.Attributes.TryGetValue(PromisedDaysAttribute, out var text) &&
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 365
            ? days
            : DefaultPromisedDays;
}
