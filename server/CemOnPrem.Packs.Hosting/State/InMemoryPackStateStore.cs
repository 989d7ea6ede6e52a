using System.Collections.Concurrent;

namespace CemOnPrem.Packs.Hosting.State;

/// <summary>Keeps switches in memory (tests and tools); share one instance to simulate a restart.</summary>
public sealed class InMemoryPackStateStore : IPackStateStore
{
    private readonly ConcurrentDictionary<string, PackAdminState> _states = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<PackAdminState>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PackAdminState>>([.. _states.Values]);

    public Task SaveAsync(PackAdminState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        _states[state.PackId] = state;
        return Task.CompletedTask;
    }
}
