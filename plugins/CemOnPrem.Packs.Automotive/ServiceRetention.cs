using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Packs.Automotive;

/// <summary>
/// Service retention: the share of vehicles delivered by a dealer that came back to that dealer's workshop
/// within 12 months (365 days, inclusive) of delivery — the first-year retention dealers are measured on,
/// because an owner who skips the first service rarely returns for the next ones or buys the next car there.
/// <list type="bullet">
/// <item>Each delivery (<c>vehicle-delivered</c> touchpoint) adds 1 to the denominator. The first workshop
/// visit (<c>vehicle-checked-in</c> touchpoint) after it, at the same org unit (the selling dealer), within
/// 365 days, adds 100 to the numerator. The value is Σ numerator ÷ Σ denominator: the % of deliveries
/// retained.</item>
/// <item>Vehicles are told apart by the <c>vehicle</c> attribute (a pseudonymous vehicle key) when both
/// events carry it; otherwise a visit is matched to the customer's newest delivery in the window.</item>
/// <item>Later visits for the same delivery, visits to another dealer, visits more than 365 days after
/// delivery, and visits of vehicles not delivered in the window (bought elsewhere or used) add nothing.
/// Survey answers that carry these touchpoints are not visits or deliveries.</item>
/// </list>
/// Because the outcome of a delivery is known only up to 12 months later and a contribution cannot be
/// attributed back to the delivery, the numerator lands on the visit's day and org unit, the denominator
/// on the delivery's: read the metric per dealer over a window of at least 12 months, and read the
/// latest 12 months as a lower bound (those deliveries are still inside their window).
/// </summary>
public sealed class ServiceRetention : IMetricCalculator
{
    public const string VehicleDelivered = "vehicle-delivered";
    public const string VehicleCheckedIn = "vehicle-checked-in";
    public const string VehicleAttribute = "vehicle";

    /// <summary>How long after delivery a first visit counts as retained.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(365);

    public string MetricId => "service-retention-12m";

    public MetricContribution? Contribute(MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = context.Current;
        if (current.IsTouchpoint(VehicleDelivered))
        {
            return new MetricContribution(0, 1);
        }

        if (!current.IsTouchpoint(VehicleCheckedIn))
        {
            return null;
        }

        foreach (var earlier in context.HistoryWithin(Window)) // newest first
        {
            if (!SameDealerAndVehicle(current, earlier))
            {
                continue;
            }

            if (earlier.IsTouchpoint(VehicleCheckedIn))
            {
                return null; // this delivery was already retained by an earlier visit
            }

            if (earlier.IsTouchpoint(VehicleDelivered))
            {
                // × 100 so the value reads as a percentage like the built-in rates.
                return new MetricContribution(100, 0);
            }
        }

        return null;
    }

    private static bool SameDealerAndVehicle(PackEvent visit, PackEvent earlier) =>
        visit.OrgUnit == earlier.OrgUnit &&
        (!visit.Attributes.TryGetValue(VehicleAttribute, out var vehicle) ||
         !earlier.Attributes.TryGetValue(VehicleAttribute, out var other) ||
         vehicle == other);
}
