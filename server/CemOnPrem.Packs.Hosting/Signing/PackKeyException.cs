namespace CemOnPrem.Packs.Hosting.Signing;

/// <summary>A key is missing, unreadable or not an ECDSA P-256 key; the message says which and why.</summary>
public sealed class PackKeyException : Exception
{
    public PackKeyException()
    {
    }

    public PackKeyException(string message) : base(message)
    {
    }

    public PackKeyException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
