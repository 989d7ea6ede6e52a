namespace CemOnPrem.Audit.Keys;

/// <summary>An audit key cannot be loaded; the message names the setting to fix.</summary>
public sealed class AuditKeyException : Exception
{
    public AuditKeyException()
    {
    }

    public AuditKeyException(string message)
        : base(message)
    {
    }

    public AuditKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
