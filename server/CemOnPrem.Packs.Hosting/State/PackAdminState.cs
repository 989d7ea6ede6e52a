namespace CemOnPrem.Packs.Hosting.State;

/// <summary>The persisted switch of one pack.</summary>
/// <param name="PackId">The pack id.</param>
/// <param name="Enabled">False when an administrator disabled the pack or the host disabled it after a fault.</param>
/// <param name="ChangedAt">When it last changed.</param>
/// <param name="Reason">The administrator's reason or the fault; null when none was given.</param>
/// <param name="ChangedBy">Who switched it: <see cref="Admin"/> or <see cref="Host"/> (a fault).</param>
public sealed record PackAdminState(string PackId, bool Enabled, DateTimeOffset ChangedAt, string? Reason, string ChangedBy)
{
    /// <summary>Changed through the API.</summary>
    public const string Admin = "admin";

    /// <summary>Changed by the host after the pack's code threw or timed out.</summary>
    public const string Host = "host";

    /// <summary>Disabled because of a fault (until an administrator enables it).</summary>
    public bool IsFault => !Enabled && ChangedBy == Host;
}
