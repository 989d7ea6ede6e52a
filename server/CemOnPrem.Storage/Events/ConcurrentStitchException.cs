namespace CemOnPrem.Storage.Events;

/// <summary>Another writer claimed an identity between our read and our insert; the append is retried.</summary>
internal sealed class ConcurrentStitchException() : Exception("An identity was claimed concurrently by another writer.");
