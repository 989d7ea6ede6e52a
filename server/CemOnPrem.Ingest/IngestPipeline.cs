using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Storage.OrgUnits;
using System.Security.Claims;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Customers;
using CemOnPrem.Http.Residency;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Ingest;

/// <summary>
/// The steps of every ingest request, one event or a batch (one event is a batch of one): parse (by the endpoint, per
/// framing), <see cref="Validate"/> (route, validate), <see cref="BindAsync"/> (org units known, client binding),
/// <see cref="Write"/> (one append per region), then the endpoint audits alongside <see cref="Committed"/> and answers
/// each item from its state. Items keep input order; each stops at the first step that refuses it.
/// </summary>
internal sealed class IngestPipeline
{
    private readonly IngestItem[] _items;

    // The first region's append inline; more regions (a batch only) in the list.
    private PendingAppend? _append;
    private List<PendingAppend>? _moreAppends;

    private IngestPipeline(IngestItem[] items) => _items = items;

    public static IngestPipeline Of((EventDocument? Document, Dictionary<string, string[]>? Errors) parsed) => new([IngestItem.Parsed(parsed)]);

    public static IngestPipeline Of(IReadOnlyList<(EventDocument? Document, Dictionary<string, string[]>? Errors)> parsed)
    {
        var items = new IngestItem[parsed.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = IngestItem.Parsed(parsed[i]);
        }

        return new IngestPipeline(items);
    }

    public int Count => _items.Length;

    public ref readonly IngestItem this[int index] => ref _items[index];

    /// <summary>Some item was not stored for want of capacity (full queue, database down): the answer carries Retry-After.</summary>
    public bool Overloaded { get; private set; }

    /// <summary>Whether some item was handed to a region writer.</summary>
    public bool Queued => _append is not null;

    /// <summary>Route, then validate: a node writes only regions it serves, never through another jurisdiction's connection.</summary>
    public void Validate(RegionRouting routing, EventValidator validator)
    {
        for (var i = 0; i < _items.Length; i++)
        {
            ref var item = ref _items[i];
            if (item.State != IngestState.Parsed)
            {
                continue;
            }

            if (routing.ForWrite(item.Document!.Region) is { } misdirected)
            {
                item.State = IngestState.Misdirected;
                item.Misdirected = misdirected;
                continue;
            }

            var validation = validator.Validate(item.Document);
            if (validation.Event is not { } valid)
            {
                item = IngestItem.Invalid(validation.Status, validation.ProblemType, validation.Errors!.ToDictionary());
                continue;
            }

            item.State = IngestState.Admitted;
            item.Event = valid;
        }
    }

    /// <summary>
    /// An org unit named by an event must exist (422), and every event must lie within the client's region and org-unit
    /// binding (403). Only valid events are looked up, once per distinct code.
    /// </summary>
    public async Task BindAsync(OrgTreeCache orgTree, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var codes = AdmittedOrgUnits();
        if (codes.Length > 0)
        {
            var unknown = await orgTree.UnknownAsync(codes, cancellationToken).ConfigureAwait(false);
            if (unknown.Count > 0)
            {
                RefuseUnknown(unknown);
            }
        }

        if (!Any(IngestState.Admitted))
        {
            return;
        }

        var binding = await IngestBinding.ForAsync(user, codes, orgTree, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < _items.Length; i++)
        {
            ref var item = ref _items[i];
            if (item.State == IngestState.Admitted && binding.Deny(item.Event!) is { } missing)
            {
                item.State = IngestState.Forbidden;
                item.Missing = missing;
            }
        }
    }

    /// <summary>Hands the admitted events to their region writers, one append per region; a full queue refuses its items (503).</summary>
    public void Write(RegionWriters writers)
    {
        string? region = null;
        var count = 0;
        var oneRegion = true;
        foreach (ref readonly var item in _items.AsSpan())
        {
            if (item.State == IngestState.Admitted)
            {
                region ??= item.Event!.Region;
                oneRegion &= string.Equals(region, item.Event!.Region, StringComparison.Ordinal);
                count++;
            }
        }

        if (count == 0)
        {
            return;
        }

        if (oneRegion)
        {
            Append(writers, region!, count);
            return;
        }

        // Several regions (a batch only): one append each, in the order the regions first appear.
        foreach (var next in _items.Where(item => item.State == IngestState.Admitted).Select(item => item.Event!.Region).Distinct(StringComparer.Ordinal).ToList())
        {
            Append(writers, next, _items.Count(item => item.State == IngestState.Admitted && item.Event!.Region == next));
        }
    }

    /// <summary>
    /// Completes once every append has committed. With <paramref name="perItem"/> (a batch), a region whose database is
    /// unavailable answers its items 503 and the others go on; without (one event), that failure fails the request.
    /// </summary>
    public Task Committed(bool perItem) =>
        _append is null ? Task.CompletedTask
        : _moreAppends is null && !perItem ? _append.Completion
        : AwaitAppendsAsync(perItem);

    private async Task AwaitAppendsAsync(bool perItem)
    {
        foreach (var append in (PendingAppend[])[_append!, .. _moreAppends ?? []])
        {
            try
            {
                await append.Completion.ConfigureAwait(false);
            }
            catch (StoreUnavailableException) when (perItem)
            {
                Overloaded = true;
                for (var i = 0; i < _items.Length; i++)
                {
                    if (_items[i].Pending == append)
                    {
                        _items[i].State = IngestState.StoreUnavailable;
                    }
                }
            }
        }
    }

    private void Append(RegionWriters writers, string region, int count)
    {
        var events = new NewEvent[count];
        var offsets = 0;
        for (var i = 0; i < _items.Length; i++)
        {
            if (_items[i].State == IngestState.Admitted && string.Equals(_items[i].Event!.Region, region, StringComparison.Ordinal))
            {
                _items[i].Offset = offsets;
                events[offsets++] = _items[i].Event!;
            }
        }

        var pending = writers.TryEnqueue(region, events);
        if (pending is null)
        {
            Overloaded = true;
        }
        else if (_append is null)
        {
            _append = pending;
        }
        else
        {
            (_moreAppends ??= []).Add(pending);
        }

        for (var i = 0; i < _items.Length; i++)
        {
            ref var item = ref _items[i];
            if (item.State == IngestState.Admitted && string.Equals(item.Event!.Region, region, StringComparison.Ordinal))
            {
                item.State = pending is null ? IngestState.Overloaded : IngestState.Queued;
                item.Pending = pending;
            }
        }
    }

    /// <summary>The distinct org-unit codes of the admitted events, in input order (one array: one event, one code).</summary>
    private string[] AdmittedOrgUnits()
    {
        HashSet<string>? distinct = null;
        string? first = null;
        foreach (ref readonly var item in _items.AsSpan())
        {
            if (item.State == IngestState.Admitted && item.Event!.OrgUnit is { } code && !string.Equals(code, first, StringComparison.Ordinal))
            {
                first ??= code;
                if (!string.Equals(code, first, StringComparison.Ordinal))
                {
                    (distinct ??= new HashSet<string>(StringComparer.Ordinal) { first }).Add(code);
                }
            }
        }

        if (first is null)
        {
            return [];
        }

        if (distinct is null)
        {
            return [first];
        }

        var codes = new string[distinct.Count];
        var next = 0;
        foreach (ref readonly var item in _items.AsSpan())
        {
            if (item.State == IngestState.Admitted && item.Event!.OrgUnit is { } code && distinct.Remove(code))
            {
                codes[next++] = code;
            }
        }

        return codes;
    }

    private void RefuseUnknown(IReadOnlyList<string> unknown)
    {
        var set = unknown.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < _items.Length; i++)
        {
            ref var item = ref _items[i];
            if (item.State == IngestState.Admitted && item.Event!.OrgUnit is { } code && set.Contains(code))
            {
                item = IngestItem.Invalid(StatusCodes.Status422UnprocessableEntity, ProblemTypes.UnknownOrgUnit,
                    new Dictionary<string, string[]> { ["orgUnit"] = [EventsApi.UnknownOrgUnitMessage(code)] });
            }
        }
    }

    private bool Any(IngestState state)
    {
        foreach (ref readonly var item in _items.AsSpan())
        {
            if (item.State == state)
            {
                return true;
            }
        }

        return false;
    }
}
