namespace CemOnPrem.Packs.Hosting;

/// <summary>How a call into pack code went.</summary>
public enum PackCallOutcome
{
    /// <summary>The code returned; <see cref="PackCallResult{T}.Value"/> holds its answer.</summary>
    Succeeded,

    /// <summary>The code threw or timed out; the pack is now disabled (faulted) and will not be called again.</summary>
    Faulted,

    /// <summary>The pack is not active (refused, disabled, faulted or unknown); its code was not called.</summary>
    Unavailable,

    /// <summary>The caller cancelled before the code answered; the pack is not blamed.</summary>
    Cancelled,
}

/// <summary>The answer of a guarded call into pack code. Engines use <see cref="Value"/> only when <see cref="Succeeded"/>.</summary>
/// <typeparam name="T">What the pack code returns.</typeparam>
/// <param name="Outcome">How the call went.</param>
/// <param name="Value">The code's answer when it succeeded; default otherwise.</param>
/// <param name="Failure">Why there is no answer (no customer data: exception types, not messages).</param>
public sealed record PackCallResult<T>(PackCallOutcome Outcome, T? Value, string? Failure)
{
    /// <summary>True when the code answered.</summary>
    public bool Succeeded => Outcome == PackCallOutcome.Succeeded;
}
