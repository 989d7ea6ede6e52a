using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Packs.Retail;

/// <summary>
/// Repurchase rate: the share of purchases that are repeat purchases — the same customer bought at least
/// once in the previous 90 days (inclusive), in any channel. Purchases are the touchpoint events
/// <c>order-placed</c> (online), <c>store-order-placed</c> (in store, delivered later) and
/// <c>store-purchase</c> (in store, taken away); survey answers that carry these touchpoints are not purchases.
/// <list type="bullet">
/// <item>An earlier order that was cancelled (<c>order-cancelled</c> with the same <c>order-id</c> attribute,
/// before the current purchase) was never a purchase, so it does not make the current one a repeat.</item>
/// <item>Exchanges and refunds are not purchases (they belong to the return journey).</item>
/// <item>The customer's first purchase counts as 0: the rate is over all purchases, so it reads as "what
/// share of our sales come from customers who bought from us in the last 90 days".</item>
/// </list>
/// </summary>
public sealed class RepurchaseRate : IMetricCalculator
{
    public const string OrderPlaced = "order-placed";
    public const string StoreOrderPlaced = "store-order-placed";
    public const string StorePurchase = "store-purchase";
    public const string OrderCancelled = "order-cancelled";
    public const string OrderIdAttribute = "order-id";

    /// <summary>How far back an earlier purchase makes the current one a repurchase.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    public string MetricId => "repurchase-rate-90d";

    public MetricContribution? Contribute(MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = context.Current;
        if (!IsPurchase(current))
        {
            return null;
        }

        var cancelled = context.History
            .Where(e => e.IsTouchpoint(OrderCancelled))
            .Select(e => e.Attributes.GetValueOrDefault(OrderIdAttribute))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var repeat = context.HistoryWithin(Window).Any(earlier =>
            IsPurchase(earlier) &&
            !(earlier.Attributes.TryGetValue(OrderIdAttribute, out var orderId) && cancelled.Contains(orderId)));
        // × 100 so the value reads as a percentage like the built-in rates.
        return new MetricContribution(repeat ? 100 : 0, 1);
    }

    private static bool IsPurchase(PackEvent e) => e.IsTouchpoint(OrderPlaced, StoreOrderPlaced, StorePurchase);
}
