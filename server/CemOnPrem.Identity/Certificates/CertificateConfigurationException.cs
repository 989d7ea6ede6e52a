namespace CemOnPrem.Identity.Certificates;

/// <summary>A configured token certificate is missing or unreadable; the message names the setting.</summary>
public sealed class CertificateConfigurationException(string message) : Exception(message);
