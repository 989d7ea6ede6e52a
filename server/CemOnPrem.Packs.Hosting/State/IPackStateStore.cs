namespace CemOnPrem.Packs.Hosting.State;

/// <summary>Where the enable/disable switches of packs are kept, so they survive restarts (the control database in the server).</summary>
public interface IPackStateStore
{
    /// <summary>Every stored switch.</summary>
    Task<IReadOnlyList<PackAdminState>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Stores (inserts or replaces) the switch of one pack.</summary>
    Task SaveAsync(PackAdminState state, CancellationToken cancellationToken);
}
