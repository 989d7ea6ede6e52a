namespace CemOnPrem.Identity.Hosting;

/// <summary>A fixed-window limit: at most <see cref="PermitLimit"/> requests per <see cref="WindowSeconds"/>.</summary>
public sealed class WindowLimitOptions
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }
}
