using CemOnPrem.Storage.Events;

namespace CemOnPrem.Ingest;

/// <summary>The receipt a channel keeps: where its event was committed. A replay returns the original with <c>duplicate</c> true.</summary>
public sealed record ReceiptResponse(
    string EventId, string Source, string Region, long Sequence, string CustomerId, DateTimeOffset ReceivedAt, bool Duplicate)
{
    public static ReceiptResponse From(EventReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new(receipt.EventId, receipt.Source, receipt.Region, receipt.Sequence, receipt.CustomerId, receipt.ReceivedAt, receipt.Duplicate);
    }
}
