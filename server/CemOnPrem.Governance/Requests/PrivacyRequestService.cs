using System.Text.Json;
using CemOnPrem.Audit;
using CemOnPrem.Audit.Checkpoints;
using CemOnPrem.Audit.Records;
using CemOnPrem.Governance.Erasure;
using CemOnPrem.Governance.Rectification;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Encryption;
using Dapper;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Governance.Requests;

/// <summary>
/// The life of a data-subject request: received (deadline set) → approved by a compliance user other than the
/// requester (unless <see cref="PrivacyOptions.AllowSelfApproval"/>) → completed by fulfilling it, or rejected.
/// Erasure and rectification are fulfilled in the request's own region transaction, with the status change and the
/// signed receipt, so a crash leaves either all of it or none.
/// </summary>
public sealed class PrivacyRequestService(
    PrivacyRequestStore store, RegionDatabases regions, AuditSigningKey signingKey, IAuditTrail audit, IOptions<PrivacyOptions> options, TimeProvider time,
    IEnumerable<IAccessRequestFulfilment> accessFulfilments, FieldProtection protection)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PrivacyRequest> CreateAsync(string region, string type, string customerId, string requestedBy, string? note, RectificationChange? changes,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var request = new PrivacyRequest(Guid.NewGuid(), region, type, RequestStatuses.Received, customerId, now, now.AddMonths(options.Value.RequestDeadlineMonths),
            requestedBy, null, null, null, note);
        await store.InsertAsync(request, changes is null ? null : JsonSerializer.Serialize(changes, Json), cancellationToken).ConfigureAwait(false);
        return request;
    }

    public async Task<RequestOutcome> ApproveAsync(Guid requestId, string approver, CancellationToken cancellationToken)
    {
        var request = await store.FindAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return RequestOutcome.NotFound;
        }

        if (request.Status != RequestStatuses.Received)
        {
            return new RequestOutcome(request, new RequestRefusal(RefusalKind.WrongState, $"the request is {request.Status}; only a received request can be approved"));
        }

        if (!options.Value.AllowSelfApproval && request.RequestedBy == approver)
        {
            return new RequestOutcome(request, new RequestRefusal(RefusalKind.SelfApproval,
                $"the requester cannot approve their own request; another compliance user must (or set {PrivacyOptions.Section}:AllowSelfApproval)"));
        }

        return await TransitionAsync(request, [RequestStatuses.Received], RequestStatuses.Approved, approver, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RequestOutcome> RejectAsync(Guid requestId, string reason, CancellationToken cancellationToken)
    {
        var request = await store.FindAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return RequestOutcome.NotFound;
        }

        return request.IsOpen
            ? await TransitionAsync(request, [RequestStatuses.Received, RequestStatuses.Approved], RequestStatuses.Rejected, null, reason, cancellationToken).ConfigureAwait(false)
            : new RequestOutcome(request, new RequestRefusal(RefusalKind.WrongState, $"the request is {request.Status} already"));
    }

    /// <summary>Fulfils an approved request: erases (with a signed receipt), rectifies, or hands an access request to the DSAR export.</summary>
    public async Task<RequestOutcome> CompleteAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var request = await store.FindAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return RequestOutcome.NotFound;
        }

        if (request.Status != RequestStatuses.Approved)
        {
            return new RequestOutcome(request, new RequestRefusal(RefusalKind.WrongState, $"the request is {request.Status}; only an approved request can be completed"));
        }

        return request.Type switch
        {
            RequestTypes.Erasure => await EraseAsync(request, cancellationToken).ConfigureAwait(false),
            RequestTypes.Rectification => await RectifyAsync(request, cancellationToken).ConfigureAwait(false),
            _ => await FulfilAccessAsync(request, cancellationToken).ConfigureAwait(false),
        };
    }

    public async Task<ErasureReceipt?> ReadReceiptAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var request = await store.FindAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return null;
        }

        await using var connection = await regions.For(request.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ErasureReceipt>(new CommandDefinition(
            "select request_id as RequestId, region, document, algorithm, key_id as KeyId, signature, signed_at as SignedAt from erasure_receipts where request_id = @requestId",
            new { requestId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private async Task<RequestOutcome> EraseAsync(PrivacyRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(request.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The data keys about to be destroyed (a merged customer's keys point at its survivor), to drop them from memory too.
        var root = await ConsentLedger.SurvivorAsync(connection, transaction, request.CustomerId, cancellationToken).ConfigureAwait(false) ?? request.CustomerId;
        var keys = (await connection.QueryAsync<(Guid KeyId, string Origin)>(new CommandDefinition(
            "select key_id, origin_customer_id from customer_keys where customer_id = @root", new { root }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        var (erased, holds) = await CustomerErasure.EraseAsync(connection, transaction, request.Region, request.CustomerId, cancellationToken).ConfigureAwait(false);
        if (erased is null)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(new AuditEntry(AuditActions.ErasureRefused, "privacy-request/" + request.RequestId, AuditOutcome.Denied)
            {
                Region = request.Region,
                Detail = "legal-hold=" + string.Join(",", holds.Select(h => h.HoldId)),
            }).ConfigureAwait(false);
            return new RequestOutcome(request, new RequestRefusal(RefusalKind.LegalHold,
                $"the subject is under legal hold {string.Join(", ", holds.Select(h => $"{h.HoldId} ({h.Reason})"))}; release it first", holds));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var receipt = ErasureReceipt.Sign(signingKey.Key, request.RequestId, request.Region, now, request.RequestedBy, request.ApprovedBy!, erased);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into erasure_receipts (request_id, region, document, algorithm, key_id, signature, signed_at)
            values (@RequestId, @Region, @Document, @Algorithm, @KeyId, @Signature, @SignedAt)
            """, receipt, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var completed = await PrivacyRequestStore.TransitionAsync(connection, transaction, request.RequestId, [RequestStatuses.Approved], RequestStatuses.Completed,
            null, now, null, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var family in keys.GroupBy(key => key.Origin, StringComparer.Ordinal))
        {
            protection.Forget(request.Region, family.Key, family.Select(key => key.KeyId));
        }

        await audit.RecordAsync(new AuditEntry(AuditActions.ErasureExecute, "privacy-request/" + request.RequestId, AuditOutcome.Allowed)
        {
            Region = request.Region,
            Detail = $"customers={erased.Customers} rows={erased.Rows.Values.Sum()}",
        }).ConfigureAwait(false);
        return new RequestOutcome(completed, null, receipt);
    }

    private async Task<RequestOutcome> RectifyAsync(PrivacyRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(request.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var changesJson = await PrivacyRequestStore.ChangesAsync(connection, transaction, request.RequestId, cancellationToken).ConfigureAwait(false);
        var changes = changesJson is null ? null : JsonSerializer.Deserialize<RectificationChange>(changesJson, Json);
        var root = await ConsentLedger.SurvivorAsync(connection, transaction, request.CustomerId, cancellationToken).ConfigureAwait(false);
        if (changes is null || root is null)
        {
            return new RequestOutcome(request, new RequestRefusal(RefusalKind.NotApplicable, root is null ? "the subject no longer exists" : "the request names no change"));
        }

        var ids = (await connection.QueryAsync<string>(new CommandDefinition(
            "select customer_id from customers where customer_id = @root or merged_into = @root order by customer_id for update", new { root }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        if (await Rectifier.ApplyAsync(connection, transaction, protection, request.Region, ids, changes, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            return new RequestOutcome(request, new RequestRefusal(RefusalKind.NotApplicable, problem));
        }

        var completed = await PrivacyRequestStore.TransitionAsync(connection, transaction, request.RequestId, [RequestStatuses.Approved], RequestStatuses.Completed,
            null, time.GetUtcNow().UtcDateTime, null, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RequestOutcome(completed);
    }

    private async Task<RequestOutcome> FulfilAccessAsync(PrivacyRequest request, CancellationToken cancellationToken)
    {
        if (accessFulfilments.FirstOrDefault() is not { } fulfilment)
        {
            return new RequestOutcome(request, new RequestRefusal(RefusalKind.NotConnected,
                "the DSAR export is not part of this build yet; the request stays approved"));
        }

        var location = await fulfilment.FulfilAsync(request, cancellationToken).ConfigureAwait(false);
        return await TransitionAsync(request, [RequestStatuses.Approved], RequestStatuses.Completed, null, location, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RequestOutcome> TransitionAsync(PrivacyRequest request, string[] from, string to, string? approvedBy, string? note, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(request.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var after = await PrivacyRequestStore.TransitionAsync(connection, null, request.RequestId, from, to, approvedBy, time.GetUtcNow().UtcDateTime, note, cancellationToken)
            .ConfigureAwait(false);
        return after is not null && after.Status == to
            ? new RequestOutcome(after)
            : new RequestOutcome(after, new RequestRefusal(RefusalKind.WrongState, $"the request changed meanwhile (now {after?.Status})"));
    }
}
