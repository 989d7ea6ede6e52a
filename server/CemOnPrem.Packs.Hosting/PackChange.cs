namespace CemOnPrem.Packs.Hosting;

/// <summary>What an enable/disable request did.</summary>
public enum PackChangeOutcome
{
    /// <summary>Done (or already so); <see cref="PackChange.Pack"/> is the pack now.</summary>
    Changed,

    /// <summary>No pack has this id.</summary>
    NotFound,

    /// <summary>The pack is refused and cannot be enabled; <see cref="PackChange.Pack"/> says why.</summary>
    Refused,
}

/// <summary>The result of <see cref="PackRegistry.EnableAsync"/> or <see cref="PackRegistry.DisableAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Pack">The pack after the request, when it exists.</param>
public sealed record PackChange(PackChangeOutcome Outcome, PackInfo? Pack);
