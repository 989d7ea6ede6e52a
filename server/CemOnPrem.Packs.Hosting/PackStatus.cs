namespace CemOnPrem.Packs.Hosting;

/// <summary>Where a pack stands.</summary>
public enum PackStatus
{
    /// <summary>Verified and loaded; its content and code are offered.</summary>
    Loaded,

    /// <summary>Not loaded: a check failed (signature, manifest, SDK range, dependency, content, code). The reason says which.</summary>
    Refused,

    /// <summary>Loaded but switched off by an administrator (persisted; survives restarts).</summary>
    DisabledByAdmin,

    /// <summary>Its code threw or timed out when called; switched off until an administrator enables it again.</summary>
    Faulted,
}

/// <summary>What the host concluded about a pack's signature.</summary>
public enum PackSignatureState
{
    /// <summary>Signed by a trusted publisher's key and every file matches.</summary>
    Verified,

    /// <summary>No signature, accepted because <c>Cem:Packs:AllowUnsigned</c> is on (development only).</summary>
    UnsignedAllowed,

    /// <summary>Missing (and not allowed), unknown publisher or key, bad signature, or files differ.</summary>
    Invalid,
}
