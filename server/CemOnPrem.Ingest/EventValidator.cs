using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Sdk;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Http.Residency;
using CemOnPrem.Storage.Events;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Ingest;

/// <summary>Turns a posted document into a <see cref="NewEvent"/> or a list of errors keyed by the field at fault.</summary>
/// <remarks>
/// Pure rules over the document and this node's configuration: it calls no store, so the event meets Storage only once,
/// in the region writer's transaction. The region must be one this node writes (the writers and their databases are made
/// for exactly <see cref="NodeRegions.Served"/>); routing has already answered a region served elsewhere in the cluster.
/// </remarks>
public sealed partial class EventValidator(NodeRegions node, IOptions<CemOptions> options, TimeProvider time, Http.Masking.PanRedaction pan)
{
    public const int MaxEventIdLength = 128;
    public const int MaxIdentities = 10;
    public const int MaxIdentityValueLength = 256;
    public const int MaxAttributes = 50;
    public const int MaxAttributeValueLength = 1024;
    public const int MaxScores = 20;
    public const int MaxTextLength = 10_000;
    private const double MaxCustomScore = 1e9;

    // A set, not NodeRegions' list: its Contains with a comparer enumerates, an allocation per event.
    private readonly FrozenSet<string> _served = node.Served.ToFrozenSet(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> _servedInOrder = node.Served;

    public EventValidation Validate(EventDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new Errors();
        var eventId = Required(errors, "eventId", document.EventId);
        if (eventId is not null && (TextRules.Check(eventId, MaxEventIdLength) ?? ControlCharacters(eventId)) is { } idError)
        {
            errors.Add("eventId", idError);
        }

        var source = Code(errors, "source", document.Source, required: true);
        var occurredAt = OccurredAt(errors, document.OccurredAt);
        var region = Code(errors, "region", document.Region, required: true);
        var unusable = new Errors();
        var identities = Identities(errors, unusable, document.Customer);
        var kind = Required(errors, "type", document.Type);
        if (kind is not null && !EventKinds.IsKnown(kind))
        {
            errors.Add("type", $"must be '{EventKinds.Touchpoint}' or '{EventKinds.Feedback}'.");
        }

        var touchpoint = Code(errors, "touchpoint", document.Touchpoint, required: kind == EventKinds.Touchpoint);
        var orgUnit = Code(errors, "orgUnit", document.OrgUnit, required: false);
        var attributes = Attributes(errors, document.Attributes);
        var scores = Scores(errors, document.Scores);
        if (document.Text is not null && TextRules.Check(document.Text, MaxTextLength) is { } textError)
        {
            errors.Add("text", textError);
        }

        if (kind == EventKinds.Feedback && scores.Count == 0 && string.IsNullOrWhiteSpace(document.Text))
        {
            errors.Add("scores", "a feedback event needs at least one score or a text.");
        }

        if (errors.Count > 0)
        {
            return EventValidation.Invalid(errors.With(unusable), StatusCodes.Status400BadRequest);
        }

        // Well-formed, but an identity value identifies no one: stored, it would stitch strangers together.
        if (unusable.Count > 0)
        {
            return EventValidation.Invalid(unusable.ToDictionary(), StatusCodes.Status422UnprocessableEntity, Contracts.Problems.ProblemTypes.UnusableIdentity);
        }

        if (!_served.Contains(region!))
        {
            return EventValidation.Invalid(
                new Dictionary<string, string[]> { ["region"] = [$"'{region}' is not a configured region; configured: {string.Join(", ", _servedInOrder)}."] },
                StatusCodes.Status422UnprocessableEntity);
        }

        // Card numbers are redacted before anything is stored or forwarded.
        var text = string.IsNullOrWhiteSpace(document.Text) ? null : pan.Redact(Http.Masking.PanRedaction.TextField, document.Text);
        var redacted = attributes.ToDictionary(pair => pair.Key, pair => pan.Redact(pair.Key, pair.Value)!, StringComparer.Ordinal);
        return EventValidation.Valid(new NewEvent(source!, eventId!, region!, kind!, touchpoint, orgUnit, occurredAt!.Value, identities, redacted, scores, text));
    }

    private static string? Required(Errors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required.");
            return null;
        }

        return value;
    }

    private static string? Code(Errors errors, string field, string? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, "is required.");
            }

            return null;
        }

        if (!Codes.IsValid(value))
        {
            errors.Add(field, $"'{Truncate(value)}' is not a valid code: it {Codes.Rule}.");
            return null;
        }

        return value;
    }

    private DateTimeOffset? OccurredAt(Errors errors, string? value)
    {
        if (Required(errors, "occurredAt", value) is null)
        {
            return null;
        }

        if (!Iso8601WithOffset().IsMatch(value!) ||
            !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            errors.Add("occurredAt", "must be an ISO 8601 date-time with a UTC offset, e.g. 2026-03-01T09:30:00+08:00 or 2026-03-01T01:30:00Z.");
            return null;
        }

        var latest = time.GetUtcNow().AddSeconds(options.Value.Ingest.MaxFutureSkewSeconds);
        if (parsed > latest)
        {
            errors.Add("occurredAt", $"lies in the future (more than {options.Value.Ingest.MaxFutureSkewSeconds} s ahead of the server clock).");
            return null;
        }

        if (parsed.Year < 2000)
        {
            errors.Add("occurredAt", "must not be before the year 2000.");
            return null;
        }

        return parsed.ToUniversalTime();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601WithOffset();

    private static string? ControlCharacters(string value) =>
        value.Any(char.IsControl) ? "must not contain control characters." : null;

    internal static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
