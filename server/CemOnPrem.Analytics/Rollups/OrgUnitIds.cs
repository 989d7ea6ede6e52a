using Npgsql;

namespace CemOnPrem.Analytics.Rollups;

/// <summary>
/// A cached copy of one region database's <c>org_unit_ids</c> (code ↔ the integer rollups are keyed by). Rows of that
/// table are only ever added, never changed or removed, so a cached entry is always right; what a copy can lack is a
/// code that got its id after the copy was read. <see cref="MaxId"/> lets a reader notice that cheaply.
/// </summary>
internal sealed class OrgUnitIds
{
    private readonly Dictionary<string, int> _idOf;
    private readonly Dictionary<int, string> _codeOf;

    private OrgUnitIds(Dictionary<string, int> idOf, Dictionary<int, string> codeOf, int maxId)
    {
        _idOf = idOf;
        _codeOf = codeOf;
        MaxId = maxId;
    }

    /// <summary>The highest id in the copy. Ids are added in increasing order (writers hold the region's checkpoint row).</summary>
    public int MaxId { get; }

    public static async Task<OrgUnitIds> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var idOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var codeOf = new Dictionary<int, string>();
        var maxId = -1;
        await using var command = new NpgsqlCommand("select id, code from org_unit_ids", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var (id, code) = (reader.GetInt32(0), reader.GetString(1));
            idOf[code] = id;
            codeOf[id] = code;
            maxId = Math.Max(maxId, id);
        }

        return new OrgUnitIds(idOf, codeOf, maxId);
    }

    /// <summary>
    /// The org-unit filter for a set of codes, in the cheaper of two equivalent forms: the ids to keep, or — when the
    /// codes cover most of the dictionary, as a whole-tree query does — the few ids to leave out, bounded by
    /// <see cref="MaxId"/> so that codes added after this copy stay out too. Comparing each cell with a short list
    /// costs less than probing a hash of hundreds of ids (docs/performance.md).
    /// </summary>
    public OrgUnitFilter FilterOf(IReadOnlyList<string> codes)
    {
        var keep = new HashSet<int>();
        var allKnown = true;
        foreach (var code in codes)
        {
            if (_idOf.TryGetValue(code, out var id))
            {
                keep.Add(id);
            }
            else
            {
                allKnown = false;
            }
        }

        if (keep.Count > _codeOf.Count / 2)
        {
            return new OrgUnitFilter(null, [.. _codeOf.Keys.Where(id => !keep.Contains(id)).Order()], MaxId, allKnown);
        }

        return new OrgUnitFilter([.. keep.Order()], null, MaxId, allKnown);
    }

    public bool TryGetCode(int id, out string code) => _codeOf.TryGetValue(id, out code!);
}

/// <summary>
/// Cells to read: those whose org-unit id is in <see cref="Keep"/>, or (when that is null) those whose id is at most
/// <see cref="MaxId"/> and not in <see cref="LeaveOut"/>. <see cref="AllKnown"/> is false when some filtered code had
/// no id in the cached dictionary.
/// </summary>
internal sealed record OrgUnitFilter(int[]? Keep, int[]? LeaveOut, int MaxId, bool AllKnown);
