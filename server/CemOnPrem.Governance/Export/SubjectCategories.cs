using CemOnPrem.Sdk;
using CemOnPrem.Analytics.Journeys;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Governance.Export;

/// <summary>The subject's profile: one row.</summary>
public sealed class ProfileCategory(SubjectEvents log) : IExportCategory
{
    public string Name => "profile";

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadAsync(ExportSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var events = await log.ReadAsync(subject, cancellationToken).ConfigureAwait(false);
        return
        [
            new Dictionary<string, object?>
            {
                ["customerId"] = subject.CustomerId,
                ["region"] = subject.Region,
                ["createdAt"] = subject.CreatedAt,
                ["mergedCustomerIds"] = subject.MergedCustomerIds,
                ["eventCount"] = events.Count,
                ["firstEventAt"] = events.Count == 0 ? null : events.Min(e => e.Entry.OccurredAt),
                ["lastEventAt"] = events.Count == 0 ? null : events.Max(e => e.Entry.OccurredAt),
            },
        ];
    }
}

/// <summary>Every identity of the subject; stitching moved the merged customers' identities to it.</summary>
public sealed class IdentitiesCategory(EventLogReader log) : IExportCategory
{
    public string Name => "identities";

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadAsync(ExportSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var identities = await log.ReadIdentitiesAsync(subject.Region, subject.CustomerId, cancellationToken).ConfigureAwait(false);
        return [.. identities.Select(identity => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["type"] = identity.Type,
            ["value"] = identity.Value,
        })];
    }
}

/// <summary>Every event of the subject (merged customers' events included), decrypted, in log order.</summary>
public sealed class EventsCategory(SubjectEvents log) : IExportCategory
{
    public string Name => "events";

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadAsync(ExportSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var events = await log.ReadAsync(subject, cancellationToken).ConfigureAwait(false);
        return [.. events.Select(e => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["sequence"] = e.Entry.Sequence,
            ["source"] = e.Entry.Source,
            ["eventId"] = e.Entry.EventId,
            ["type"] = e.Entry.Kind,
            ["touchpoint"] = e.Entry.Touchpoint,
            ["orgUnit"] = e.Entry.OrgUnit,
            ["occurredAt"] = e.Entry.OccurredAt,
            ["identities"] = e.Identities,
            ["attributes"] = e.Entry.Attributes,
            ["scores"] = e.Entry.Scores,
            ["text"] = e.Entry.Text,
        })];
    }
}

/// <summary>Survey and feedback responses: the subject's feedback events (scores and text).</summary>
public sealed class FeedbackCategory(SubjectEvents log) : IExportCategory
{
    public string Name => "feedback";

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadAsync(ExportSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var events = await log.ReadAsync(subject, cancellationToken).ConfigureAwait(false);
        return [.. events.Where(e => e.Entry.Kind == EventKinds.Feedback).Select(e => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["eventId"] = e.Entry.EventId,
            ["source"] = e.Entry.Source,
            ["touchpoint"] = e.Entry.Touchpoint,
            ["occurredAt"] = e.Entry.OccurredAt,
            ["scores"] = e.Entry.Scores,
            ["text"] = e.Entry.Text,
        })];
    }
}

/// <summary>The journeys derived from the subject's touchpoints.</summary>
public sealed class JourneysCategory(JourneyStore journeys) : IExportCategory
{
    public string Name => "journeys";

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadAsync(ExportSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var rows = await journeys.ReadAsync(subject.Region, subject.CustomerId, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["template"] = row.TemplateId,
            ["instance"] = row.Instance,
            ["status"] = row.Status,
            ["currentStage"] = row.CurrentStage,
            ["startedAt"] = row.StartedAt,
            ["endedAt"] = row.EndedAt,
            ["stages"] = System.Text.Json.JsonDocument.Parse(row.StagesJson).RootElement,
        })];
    }
}
