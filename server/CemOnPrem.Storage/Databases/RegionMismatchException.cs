namespace CemOnPrem.Storage.Databases;

/// <summary>A region's connection points at a database that is not that region's.</summary>
public sealed class RegionMismatchException(string message) : Exception(message);
