namespace CemOnPrem.Surveys.Definitions;

/// <summary>Outcomes of a draft write.</summary>
public enum DraftStatus
{
    Written,

    /// <summary>A draft of that key exists already (create).</summary>
    Exists,

    /// <summary>No draft of that key.</summary>
    NotFound,

    /// <summary>The draft changed since the revision the caller read.</summary>
    Stale,

    /// <summary>The draft breaks the survey rules (publish).</summary>
    Invalid,
}
