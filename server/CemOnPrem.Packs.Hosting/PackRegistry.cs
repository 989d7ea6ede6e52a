using CemOnPrem.Packs.Hosting.Loading;
using CemOnPrem.Packs.Hosting.Signing;
using CemOnPrem.Packs.Hosting.State;
using Microsoft.Extensions.Logging;

namespace CemOnPrem.Packs.Hosting;

/// <summary>
/// Every pack of the packs directory, its status and, for active packs, its content and code. Load once at
/// start (<see cref="LoadAsync"/>); a changed pack file needs a restart (assemblies are never unloaded).
/// Enable/disable is persisted through <see cref="IPackStateStore"/> and takes effect at once: readers get
/// an immutable snapshot, replaced on every change.
/// </summary>
public sealed partial class PackRegistry(
    PackHostOptions options, IPackStateStore store, ILogger<PackRegistry> logger, IPackAssemblyLoader assemblies, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PackAdminState> _states = new(StringComparer.Ordinal);
    private IReadOnlyList<ScannedPack> _packs = [];
    private volatile Snapshot _snapshot = Snapshot.Empty;

    /// <summary>True once <see cref="LoadAsync"/> has finished.</summary>
    public bool IsLoaded { get; private set; }

    /// <summary>Every pack found, in folder order.</summary>
    public IReadOnlyList<PackInfo> Packs => _snapshot.Infos;

    /// <summary>Packs whose content and code may be used now.</summary>
    public IReadOnlyList<ActivePack> ActivePacks => _snapshot.Active;

    /// <summary>Calculators of every active pack's custom metrics; call them through <see cref="PackInvoker"/>.</summary>
    public IReadOnlyList<PackMetricCalculator> MetricCalculators => _snapshot.Calculators;

    /// <summary>The pack with this id, if any.</summary>
    public PackInfo? Find(string packId) => _snapshot.Infos.FirstOrDefault(info => info.Id == packId);

    /// <summary>Whether the pack's content and code are offered now.</summary>
    public bool IsActive(string packId) => _snapshot.ActiveIds.Contains(packId);

    /// <summary>Reads the persisted switches and loads every pack of the directory. Call once.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (options.AllowUnsigned)
        {
            LogAllowUnsigned(logger, PackHostOptions.Section);
        }

        foreach (var state in await store.LoadAsync(cancellationToken).ConfigureAwait(false))
        {
            _states[state.PackId] = state;
        }

        using var trusted = TrustedPublisherKeys.FromOptions(options);
        if (!Directory.Exists(options.Directory))
        {
            LogNoDirectory(logger, options.Directory);
        }

        var packs = await new PackLoader(options, trusted, assemblies).LoadAllAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _packs = packs;
            Publish();
        }

        foreach (var info in Packs)
        {
            if (info.Status == PackStatus.Refused)
            {
                LogRefused(logger, info.Id, info.Folder, info.StatusReason);
            }
            else
            {
                LogLoaded(logger, info.Id, info.Manifest?.Version, info.Signature.State, info.Status);
            }
        }

        IsLoaded = true;
    }

    /// <summary>Switches a pack off (persisted first, then effective at once). Refused packs may be disabled too, so they stay off once fixed.</summary>
    public async Task<PackChange> DisableAsync(string packId, string? reason, CancellationToken cancellationToken) =>
        await ChangeAsync(packId, enabled: false, reason, cancellationToken).ConfigureAwait(false);

    /// <summary>Switches a pack on again (also after a fault). A refused pack cannot be enabled.</summary>
    public async Task<PackChange> EnableAsync(string packId, CancellationToken cancellationToken) =>
        await ChangeAsync(packId, enabled: true, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Disables a pack whose code failed (effective at once; persisted best-effort).</summary>
    internal async Task MarkFaultedAsync(string packId, string reason)
    {
        var state = new PackAdminState(packId, false, time.GetUtcNow(), reason, PackAdminState.Host);
        lock (_lock)
        {
            if (_states.TryGetValue(packId, out var current) && !current.Enabled)
            {
                return; // already off: the first fault (or the administrator) said why
            }

            _states[packId] = state;
            Publish();
        }

        try
        {
            await store.SaveAsync(state, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The pack stays off in this process; after a restart it would be active again until it faults again.
            LogPersistFailed(logger, ex, packId);
        }
    }

    private async Task<PackChange> ChangeAsync(string packId, bool enabled, string? reason, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = Find(packId);
            if (info is null)
            {
                return new(PackChangeOutcome.NotFound, null);
            }

            if (enabled && info.Status == PackStatus.Refused)
            {
                return new(PackChangeOutcome.Refused, info);
            }

            var state = new PackAdminState(packId, enabled, time.GetUtcNow(), reason, PackAdminState.Admin);
            await store.SaveAsync(state, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                _states[packId] = state;
                Publish();
            }

            LogSwitched(logger, packId, enabled ? "enabled" : "disabled");
            return new(PackChangeOutcome.Changed, Find(packId));
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Rebuilds the snapshot from the packs and switches; call under <see cref="_lock"/>.</summary>
    private void Publish()
    {
        var statuses = _packs.ToDictionary(pack => pack, Status);
        // Active: loaded, and every dependency active (repeat until nothing changes: dependencies chain).
        var active = _packs.Where(pack => statuses[pack].Status == PackStatus.Loaded).ToList();
        int before;
        do
        {
            before = active.Count;
            var ids = active.Select(pack => pack.Id).ToHashSet(StringComparer.Ordinal);
            active.RemoveAll(pack => pack.Manifest!.Dependencies.Any(dependency => !ids.Contains(dependency.Id)));
        }
        while (active.Count != before);

        var activeSet = active.ToHashSet();
        var infos = _packs.Select(pack =>
        {
            _states.TryGetValue(pack.Id, out var state);
            return new PackInfo
            {
                Id = pack.Id,
                Folder = pack.Folder,
                Manifest = pack.Manifest,
                Status = statuses[pack].Status,
                StatusReason = statuses[pack].Reason ?? (pack.IsRefused || activeSet.Contains(pack) ? null : "a dependency is not active"),
                Active = activeSet.Contains(pack),
                Enabled = state?.Enabled ?? true,
                EnabledChangedAt = state?.ChangedAt,
                Signature = pack.Signature,
                Contributes = pack.Content is null ? PackContributions.None : PackContributions.Of(pack.Content),
            };
        }).ToList();
        var activePacks = active.Select(pack => new ActivePack(pack.Content!, pack.Calculators)).ToList();
        _snapshot = new Snapshot(infos, activePacks, [.. activePacks.SelectMany(pack => pack.Calculators)], active.Select(pack => pack.Id).ToHashSet(StringComparer.Ordinal));
    }

    private (PackStatus Status, string? Reason) Status(ScannedPack pack)
    {
        if (pack.IsRefused)
        {
            return (PackStatus.Refused, pack.RefusalReason);
        }

        if (_states.TryGetValue(pack.Id, out var state) && !state.Enabled)
        {
            return state.IsFault ? (PackStatus.Faulted, state.Reason) : (PackStatus.DisabledByAdmin, state.Reason);
        }

        return (PackStatus.Loaded, null);
    }

    public void Dispose() => _changes.Dispose();

    private sealed record Snapshot(IReadOnlyList<PackInfo> Infos, IReadOnlyList<ActivePack> Active, IReadOnlyList<PackMetricCalculator> Calculators, HashSet<string> ActiveIds)
    {
        public static Snapshot Empty { get; } = new([], [], [], new HashSet<string>(StringComparer.Ordinal));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Section}:AllowUnsigned is on: packs without a signature load. Development only")]
    private static partial void LogAllowUnsigned(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Information, Message = "Packs directory {Directory} does not exist: no packs loaded")]
    private static partial void LogNoDirectory(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pack {PackId} (folder {Folder}) refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string packId, string folder, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pack {PackId} {Version} loaded (signature {Signature}, status {Status})")]
    private static partial void LogLoaded(ILogger logger, string packId, string? version, PackSignatureState signature, PackStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pack {PackId} {Change} by an administrator")]
    private static partial void LogSwitched(ILogger logger, string packId, string change);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pack {PackId}: could not persist the fault; it is disabled in this process only")]
    private static partial void LogPersistFailed(ILogger logger, Exception exception, string packId);
}
