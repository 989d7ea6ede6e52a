namespace CemOnPrem.Identity.Users;

/// <summary>An administrative request broke a rule; the message says which, without secrets.</summary>
public sealed class IdentityAdministrationException(string message) : Exception(message);
