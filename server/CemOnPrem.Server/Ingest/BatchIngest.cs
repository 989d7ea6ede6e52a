using CemOnPrem.Server.OrgUnits;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Access;
using CemOnPrem.Http.Customers;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Storage.Events;
using Microsoft.AspNetCore.Mvc;

namespace CemOnPrem.Server.Ingest;

/// <summary>
/// One batch request: validates every item, then hands the valid ones to their region writers (one
/// atomic append per region) and collects a result per item, in input order.
/// </summary>
internal sealed class BatchIngest(int count)
{
    private readonly BatchItemResult?[] _results = new BatchItemResult?[count];
    private readonly Dictionary<string, List<(int Index, NewEvent Event)>> _byRegion = new(StringComparer.Ordinal);

    public bool Overloaded { get; private set; }

    /// <param name="unknownOrgUnits">Org-unit codes of the batch that are not in the org tree: their items are 422.</param>
    public void Validate(int index, (EventDocument? Document, Dictionary<string, string[]>? Errors) item, EventValidator validator,
        IReadOnlySet<string> unknownOrgUnits, IngestBinding binding)
    {
        if (item.Errors is not null)
        {
            _results[index] = BatchItemResult.Invalid(index, StatusCodes.Status400BadRequest, ProblemTypes.Validation, item.Errors);
            return;
        }

        var validation = validator.Validate(item.Document!);
        if (validation.Event is not { } valid)
        {
            _results[index] = BatchItemResult.Invalid(index, validation.Status, validation.ProblemType, validation.Errors!.ToDictionary());
            return;
        }

        if (valid.OrgUnit is { } code && unknownOrgUnits.Contains(code))
        {
            _results[index] = BatchItemResult.Invalid(index, StatusCodes.Status422UnprocessableEntity, ProblemTypes.UnknownOrgUnit,
                new Dictionary<string, string[]> { ["orgUnit"] = [EventsApi.UnknownOrgUnitMessage(code)] });
            return;
        }

        if (binding.Deny(valid) is { } missing)
        {
            _results[index] = BatchItemResult.Forbidden(index, missing);
            return;
        }

        if (!_byRegion.TryGetValue(valid.Region, out var list))
        {
            _byRegion[valid.Region] = list = [];
        }

        list.Add((index, valid));
    }

    /// <summary>The item is refused before validation (its region is not written by this node).</summary>
    public void Refuse(int index, ProblemDetails problem) => _results[index] = new BatchItemResult(index, problem.Status ?? StatusCodes.Status400BadRequest, null, problem);

    public async Task CommitAsync(RegionWriters writers)
    {
        var waiting = new List<(List<(int Index, NewEvent Event)> Items, PendingAppend Pending)>();
        foreach (var (region, items) in _byRegion)
        {
            var pending = writers.TryEnqueue(region, [.. items.Select(item => item.Event)]);
            if (pending is null)
            {
                Overloaded = true;
                foreach (var (index, _) in items)
                {
                    _results[index] = BatchItemResult.Unavailable(index, ProblemTypes.Overloaded, $"The writer of region '{region}' is full; retry this item.");
                }
            }
            else
            {
                waiting.Add((items, pending));
            }
        }

        foreach (var (items, pending) in waiting)
        {
            try
            {
                var receipts = await pending.Completion.ConfigureAwait(false);
                for (var i = 0; i < items.Count; i++)
                {
                    _results[items[i].Index] = receipts[i].Conflict
                        ? BatchItemResult.Invalid(items[i].Index, StatusCodes.Status409Conflict, ProblemTypes.EventIdConflict, EventIdConflict.Errors(receipts[i]))
                        : BatchItemResult.Accepted(items[i].Index, ReceiptResponse.From(receipts[i]));
                }
            }
            catch (StoreUnavailableException ex)
            {
                Overloaded = true;
                foreach (var (index, _) in items)
                {
                    _results[index] = BatchItemResult.Unavailable(index, ProblemTypes.StoreUnavailable,
                        $"The database of region '{ex.Region}' is unavailable; nothing of this item was stored; retry it.");
                }
            }
        }
    }

    public BatchResponse ToResponse()
    {
        var results = _results.Select(r => r!).ToArray();
        var accepted = results.Count(r => r.Status == StatusCodes.Status202Accepted);
        return new BatchResponse(accepted, results.Length - accepted, results);
    }
}

public sealed record BatchResponse(int Accepted, int Rejected, IReadOnlyList<BatchItemResult> Results);

// Problem is typed object so the JSON carries the runtime type's fields (errors of a validation problem).
public sealed record BatchItemResult(int Index, int Status, ReceiptResponse? Receipt, object? Problem)
{
    public static BatchItemResult Accepted(int index, ReceiptResponse receipt) => new(index, StatusCodes.Status202Accepted, receipt, null);

    public static BatchItemResult Invalid(int index, int status, string type, IDictionary<string, string[]> errors) =>
        new(index, status, null, new HttpValidationProblemDetails(errors)
        {
            Status = status,
            Type = type,
            Title = "This event is invalid.",
            Detail = string.Join(" ", errors.Select(pair => $"{pair.Key}: {string.Join(" ", pair.Value)}")),
        });

    public static BatchItemResult Forbidden(int index, string missing) =>
        new(index, StatusCodes.Status403Forbidden, null, AccessProblems.Forbidden([missing]).ProblemDetails);

    public static BatchItemResult Unavailable(int index, string type, string detail) =>
        new(index, StatusCodes.Status503ServiceUnavailable, null, new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = type,
            Title = "Not stored; retry.",
            Detail = detail,
        });
}
