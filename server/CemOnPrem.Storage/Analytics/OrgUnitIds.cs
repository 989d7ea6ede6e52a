using Npgsql;

namespace CemOnPrem.Storage.Analytics;

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

    /// <returns>The ids of the codes that have one; <paramref name="allKnown"/> is false when some code has none (yet).</returns>
    public int[] IdsOf(IReadOnlyList<string> codes, out bool allKnown)
    {
        var ids = new List<int>(codes.Count);
        allKnown = true;
        foreach (var code in codes)
        {
            if (_idOf.TryGetValue(code, out var id))
            {
                ids.Add(id);
            }
            else
            {
                allKnown = false;
            }
        }

        return [.. ids];
    }

    public bool TryGetCode(int id, out string code) => _codeOf.TryGetValue(id, out code!);
}
