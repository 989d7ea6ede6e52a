namespace CemOnPrem.Cluster.Tests.Support;

/// <summary>Orleans' SiloStatus numbers as stored in <c>cluster_members.status</c>.</summary>
internal static class SiloStatuses
{
    public const int Active = 3;
    public const int Dead = 6;
}
