using CemOnPrem.Governance.Erasure;
using CemOnPrem.Governance.Holds;

namespace CemOnPrem.Governance.Requests;

/// <summary>What a step of a request led to: the request afterwards, or why the step was refused.</summary>
public sealed record RequestOutcome(PrivacyRequest? Request, RequestRefusal? Refusal = null, ErasureReceipt? Receipt = null)
{
    public static RequestOutcome NotFound { get; } = new(null, new RequestRefusal(RefusalKind.NotFound, "no such request"));
}

public sealed record RequestRefusal(RefusalKind Kind, string Message, IReadOnlyList<LegalHold>? Holds = null);

public enum RefusalKind
{
    NotFound,
    WrongState,
    SelfApproval,
    LegalHold,
    NotApplicable,
    NotConnected,
}
