namespace CemOnPrem.Storage.GrainStorage;

/// <summary>
/// Names of the grain storage providers, for <c>[PersistentState("name", GrainStorageNames.Regional)]</c>.
/// </summary>
public static class GrainStorageNames
{
    /// <summary>State of grains whose key starts with a residency region; stored in that region's database.</summary>
    public const string Regional = "regional";

    /// <summary>Deployment-wide state without customer data; stored in the control database.</summary>
    public const string Control = "control";
}
