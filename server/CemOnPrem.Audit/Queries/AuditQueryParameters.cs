using System.Globalization;
using System.Text.RegularExpressions;
using CemOnPrem.Audit.Pseudonyms;
using CemOnPrem.Audit.Records;
using CemOnPrem.Contracts.Text;
using Microsoft.AspNetCore.Http;

namespace CemOnPrem.Audit.Queries;

/// <summary>Reads a compliance query from the query string; every bad value is reported under its parameter name.</summary>
public static partial class AuditQueryParameters
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private static readonly Dictionary<string, AuditCategory> Categories = new(StringComparer.Ordinal)
    {
        ["customer-data"] = AuditCategory.CustomerData,
        ["exports"] = AuditCategory.Exports,
        ["denied"] = AuditCategory.Denied,
        ["cross-region"] = AuditCategory.CrossRegion,
        ["privileged"] = AuditCategory.Privileged,
        ["ingest"] = AuditCategory.Ingest,
    };

    public static (AuditQuery Query, int Limit, Dictionary<string, string[]> Errors) Read(IQueryCollection parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = new AuditQuery
        {
            Category = Text(parameters, "category") is { } category
                ? Categories.TryGetValue(category, out var known) ? known : Fail<AuditCategory?>(errors, "category", $"must be one of: {string.Join(", ", Categories.Keys)}.")
                : null,
            Action = Checked(parameters, errors, "action", CodePattern(), "must be an action name such as customer.read."),
            Actor = Checked(parameters, errors, "actor", ActorPattern(), "must be an actor such as user:{sub}, client:{client_id}, anonymous or system."),
            Outcome = Text(parameters, "outcome") is { } outcome
                ? AuditOutcomes.TryParse(outcome, out _) ? outcome : Fail<string>(errors, "outcome", "must be allowed, denied or failed.")
                : null,
            Subject = Checked(parameters, errors, "subject", SubjectPattern(), $"must be a pseudonym ({SubjectPseudonyms.Prefix} and 32 hex digits); resolve an identity with /api/v1/audit/subjects/{{region}}."),
            Region = Checked(parameters, errors, "region", CodePattern(), "must be a region code."),
            From = Time(parameters, errors, "from"),
            To = Time(parameters, errors, "to"),
            After = Number(parameters, errors, "after", 0, long.MaxValue, 0),
        };
        if (query.From is { } from && query.To is { } to && to <= from)
        {
            errors["to"] = ["must be later than from."];
        }

        var limit = (int)Number(parameters, errors, "limit", 1, MaxLimit, DefaultLimit);
        return (query, limit, errors);
    }

    private static string? Text(IQueryCollection parameters, string name) =>
        parameters.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private static string? Checked(IQueryCollection parameters, Dictionary<string, string[]> errors, string name, Regex pattern, string rule) =>
        Text(parameters, name) is { } value ? pattern.IsMatch(value) ? value : Fail<string>(errors, name, rule) : null;

    private static DateTimeOffset? Time(IQueryCollection parameters, Dictionary<string, string[]> errors, string name) =>
        Text(parameters, name) is { } value
            ? DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? InputDates.Contains(time) ? time : Fail<DateTimeOffset?>(errors, name, InputDates.Rule)
                : Fail<DateTimeOffset?>(errors, name, "must be an ISO 8601 time such as 2026-11-01T00:00:00Z.")
            : null;

    private static long Number(IQueryCollection parameters, Dictionary<string, string[]> errors, string name, long min, long max, long fallback)
    {
        if (Text(parameters, name) is not { } value)
        {
            return fallback;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors[name] = [$"must be a whole number from {min} to {max}."];
        return fallback;
    }

    private static T? Fail<T>(Dictionary<string, string[]> errors, string name, string message)
    {
        errors[name] = [message];
        return default;
    }

    [GeneratedRegex("^[a-z][a-z0-9.-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex("^(anonymous|system|unidentified|(user|client):[^\\s]{1,200})\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ActorPattern();

    [GeneratedRegex("^ps1-[0-9a-f]{32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPattern();
}
