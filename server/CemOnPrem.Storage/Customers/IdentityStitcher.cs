using CemOnPrem.Contracts.Customers;

namespace CemOnPrem.Storage.Customers;

/// <summary>
/// In-memory identity stitching for one append batch. Identities seen together on one event
/// belong to one customer; when an event links identities of several customers, those customers
/// are merged into the oldest of them. Works over the owners already stored (<c>known</c>) plus
/// customers created within the batch, with a union-find over customer ids.
/// </summary>
internal sealed class IdentityStitcher(IReadOnlyDictionary<(string Type, string Value), string> known, Func<string> newCustomerId)
{
    private readonly Dictionary<(string Type, string Value), string> _owners = new(known);
    private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);
    private readonly List<string> _created = [];

    /// <summary>Customers created in this batch, in creation order (older first).</summary>
    public IReadOnlyList<string> Created => _created;

    /// <returns>A provisional customer id for the event; resolve it with <see cref="Resolve"/> once all events are seen.</returns>
    public string Assign(IReadOnlyList<CustomerIdentity> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        string? owner = null;
        foreach (var identity in identities)
        {
            if (_owners.TryGetValue((identity.Type, identity.Value), out var existing))
            {
                var root = Find(existing);
                owner = owner is null ? root : Union(owner, root);
            }
        }

        if (owner is null)
        {
            owner = newCustomerId();
            _created.Add(owner);
            _parent[owner] = owner;
        }

        foreach (var identity in identities)
        {
            _owners.TryAdd((identity.Type, identity.Value), owner);
        }

        return owner;
    }

    /// <summary>The customer a provisional id finally belongs to.</summary>
    public string Resolve(string provisional, IReadOnlyDictionary<string, string> survivorOfRoot) =>
        survivorOfRoot.TryGetValue(Find(provisional), out var survivor) ? survivor : Find(provisional);

    /// <summary>Groups of customers that the batch linked together (only groups of two or more).</summary>
    public IEnumerable<IReadOnlyList<string>> MergeGroups() =>
        _parent.Keys.GroupBy(Find).Where(group => group.Count() > 1).Select(group => (IReadOnlyList<string>)[.. group]);

    /// <summary>Identities first seen in this batch, with their final owner.</summary>
    public IEnumerable<(string Type, string Value, string CustomerId)> NewIdentities(IReadOnlyDictionary<string, string> survivorOfRoot) =>
        _owners.Where(pair => !known.ContainsKey(pair.Key))
            .Select(pair => (pair.Key.Type, pair.Key.Value, Resolve(pair.Value, survivorOfRoot)));

    private string Find(string customerId)
    {
        if (!_parent.TryGetValue(customerId, out var parent))
        {
            _parent[customerId] = customerId;
            return customerId;
        }

        if (parent == customerId)
        {
            return customerId;
        }

        var root = Find(parent);
        _parent[customerId] = root;
        return root;
    }

    private string Union(string a, string b)
    {
        var rootA = Find(a);
        var rootB = Find(b);
        if (rootA != rootB)
        {
            _parent[rootB] = rootA;
        }

        return rootA;
    }
}
