using CemOnPrem.Contracts.Text;
using CemOnPrem.Governance.Rectification;
using CemOnPrem.Sdk;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Databases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Governance.Requests;

/// <summary>
/// A data-subject request as filed: type, region, and the subject by customer id or by an external identity
/// (<c>{"type": "account", "value": "…"}</c>); a rectification names its <see cref="Changes"/>.
/// </summary>
public sealed record PrivacyRequestBody(string? Type, string? Region, string? CustomerId, SubjectIdentity? Identity, string? Note, RectificationChange? Changes)
{
    public const int MaxValue = 256;

    internal static ProblemHttpResult? Validate(PrivacyRequestBody? body, RegionDatabases regions)
    {
        if (body is null)
        {
            return Problem.Invalid("body", "must be a JSON object with type, region and customerId or identity.");
        }

        if (body.Type is null || !RequestTypes.All.Contains(body.Type))
        {
            return Problem.Invalid("type", $"must be one of {string.Join(", ", RequestTypes.All)}.");
        }

        if (!Codes.IsValid(body.Region))
        {
            return Problem.Invalid("region", "is required (a region code).");
        }

        if (!regions.IsKnown(body.Region!))
        {
            return Problem.Invalid("region", $"is not configured; configured: {string.Join(", ", regions.Regions)}.", StatusCodes.Status422UnprocessableEntity);
        }

        if (body.CustomerId is not null && (body.CustomerId.Length > 64 || InputText.CheckSingleLine(body.CustomerId) is not null))
        {
            return Problem.Invalid("customerId", $"must be a customer id (one line, at most 64 characters). {InputText.SingleLineRule}");
        }

        if ((body.CustomerId is null) == (body.Identity is null))
        {
            return Problem.Invalid("customerId", "name the subject by exactly one of customerId or identity.");
        }

        if (body.Identity is { } identity && (!Codes.IsValid(identity.Type) || !IsValue(identity.Value)))
        {
            return Problem.Invalid(Codes.IsValid(identity.Type) ? "identity.value" : "identity.type",
                Codes.IsValid(identity.Type) ? $"is required (1-{MaxValue} characters)." : $"is required and {Codes.Rule}.");
        }

        if (body.Identity is { } subject && Unusable("identity.value", subject.Type!, subject.Value!) is { } unusable)
        {
            return unusable;
        }

        if (body.Note is { Length: > 500 })
        {
            return Problem.Invalid("note", "must be at most 500 characters.");
        }

        return body.Type == RequestTypes.Rectification ? ValidateChanges(body.Changes) : body.Changes is null ? null
            : Problem.Invalid("changes", "belongs to rectification requests only.");
    }

    private static ProblemHttpResult? ValidateChanges(RectificationChange? changes)
    {
        if (changes is null || (changes.Identity is null && changes.Attribute is null))
        {
            return Problem.Invalid("changes", "is required for a rectification: an identity {type, value, newValue} or an attribute {name, value}.");
        }

        if (changes.Identity is { } identity && (!Codes.IsValid(identity.Type) || !IsValue(identity.Value) || !IsValue(identity.NewValue)))
        {
            return Problem.Invalid("changes.identity", $"needs type (a code), value and newValue (1-{MaxValue} characters each).");
        }

        // Rectifying to a value that identifies no one would make it a meeting point for strangers.
        if (changes.Identity is { } changed && Unusable("changes.identity.newValue", changed.Type!, changed.NewValue!) is { } unusable)
        {
            return unusable;
        }

        return changes.Attribute is { } attribute && (!Codes.IsValid(attribute.Name) || attribute.Value is null || attribute.Value.Length > MaxValue)
            ? Problem.Invalid("changes.attribute", $"needs name (a code) and value (at most {MaxValue} characters).")
            : null;
    }

    private static ProblemHttpResult? Unusable(string field, string type, string value) =>
        IdentityRules.Check(type, value) is { IsUsable: false } check
            ? Problem.Invalid(field, $"is not a usable {type}: it {check.Problem}", StatusCodes.Status422UnprocessableEntity, ProblemTypes.UnusableIdentity)
            : null;

    // Identity values and names are single-line: a line break or tab in one is never part of an identity.
    private static bool IsValue(string? value) => !string.IsNullOrWhiteSpace(value) && value.Length <= MaxValue && InputText.CheckSingleLine(value) is null;
}

public sealed record SubjectIdentity(string? Type, string? Value);
