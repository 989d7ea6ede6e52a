namespace CemOnPrem.Storage.GrainStorage;

/// <summary>A grain's state was to be read or written, but no database may hold it.</summary>
public sealed class GrainStateRoutingException(string message) : Exception(message);
