namespace CemOnPrem.Delivery;

/// <summary>One attempt's outcome. <paramref name="Error"/> is short and holds no secret, URL or address.</summary>
public sealed record DeliveryResult(bool Delivered, bool Permanent, string? Error)
{
    public static DeliveryResult Success { get; } = new(true, false, null);

    public static DeliveryResult Retry(string error) => new(false, false, error);

    public static DeliveryResult Fail(string error) => new(false, true, error);
}
