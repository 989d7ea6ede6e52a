using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Storage.Analytics;

namespace CemOnPrem.Analytics.Projection;

/// <summary>
/// One event of a customer's history: the logged row and its parsed form, kept together so that an event remembered
/// between cycles is parsed once, not once per cycle that touches its customer (docs/performance.md, seventh session).
/// </summary>
public readonly record struct HistoryEvent(AnalyticsEventRow Row, PackEvent Parsed);
