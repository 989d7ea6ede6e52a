namespace CemOnPrem.Cluster.Tests.Support;

/// <summary>Tests that run whole clusters share this collection, so they run one after another, never two on two cores.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterProcesses
{
    public const string Name = "cluster processes";
}
