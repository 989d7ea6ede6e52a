namespace CemOnPrem.Packs.Hosting.Signing;

/// <summary>A pack folder cannot be signed or its signature files cannot be read; the message says why.</summary>
public sealed class PackSignatureException : Exception
{
    public PackSignatureException()
    {
    }

    public PackSignatureException(string message) : base(message)
    {
    }

    public PackSignatureException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
