namespace CemOnPrem.Audit.Chain;

/// <summary>
/// The audit record could not be committed. The access it describes must not go ahead (fail
/// closed); the server answers 503 problem+json.
/// </summary>
public sealed class AuditUnavailableException : Exception
{
    public AuditUnavailableException()
        : this("The audit trail cannot record this access.")
    {
    }

    public AuditUnavailableException(string message)
        : base(message)
    {
    }

    public AuditUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
