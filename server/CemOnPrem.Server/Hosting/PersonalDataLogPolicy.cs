using System.Text.RegularExpressions;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Events;
using CemOnPrem.Storage.Encryption;
using Serilog.Core;
using Serilog.Events;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// Keeps personal data out of logs, in two layers. (1) Destructuring: objects that carry personal data (events,
/// identities, customer views, timeline entries, data keys) are logged as their type name only, whatever a log call
/// passes. (2) A last enricher scrubs every string property: e-mail addresses, card-number-like and other long digit
/// runs (phone, account numbers) are replaced. Code still must not log personal values on purpose; this catches the
/// accidents (an exception message, a route value, a third-party library).
/// </summary>
public sealed partial class PersonalDataLogPolicy : IDestructuringPolicy, ILogEventEnricher
{
    private static readonly HashSet<Type> PersonalTypes =
    [
        typeof(NewEvent), typeof(CustomerIdentity), typeof(CustomerView), typeof(TimelineEntry), typeof(TimelinePage),
        typeof(PersonalFields), typeof(DataKey), typeof(CemOnPrem.Ingest.EventDocument),
    ];

    public bool TryDestructure(object value, ILogEventPropertyValueFactory propertyValueFactory, out LogEventPropertyValue result)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (PersonalTypes.Contains(value.GetType()))
        {
            result = new ScalarValue($"[{value.GetType().Name}: personal data not logged]");
            return true;
        }

        result = null!;
        return false;
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            // Technical ids (TraceId, RequestId, CustomerId, EventId ...) and timings are never personal, and are what
            // an operator needs to follow a request: left readable.
            if (name.EndsWith("Id", StringComparison.Ordinal) || name is "Elapsed" or "Node" or "SourceContext")
            {
                continue;
            }

            var scrubbed = Scrub(value);
            if (!ReferenceEquals(scrubbed, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, scrubbed));
            }
        }
    }

    /// <summary>Replaces e-mail addresses and digit runs of 7 or more (spaces, dashes, dots, slashes and '+' allowed).</summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Query strings are logged URL-encoded (%40 for '@', %2B for '+'): scrub what they say, not how they are spelled.
        if (text.Contains('%', StringComparison.Ordinal))
        {
            text = Uri.UnescapeDataString(text.Replace('+', ' '));
        }

        var withoutEmail = Email().Replace(text, "[email]");
        return DigitRun().Replace(withoutEmail, "[digits]");
    }

    private static LogEventPropertyValue Scrub(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } when Scrub(text) is var clean && clean != text => new ScalarValue(clean),
        SequenceValue sequence => Rebuild(sequence.Elements, elements => new SequenceValue(elements), value),
        StructureValue structure => RebuildStructure(structure),
        DictionaryValue dictionary => RebuildDictionary(dictionary),
        _ => value,
    };

    private static LogEventPropertyValue Rebuild(IReadOnlyList<LogEventPropertyValue> elements, Func<List<LogEventPropertyValue>, LogEventPropertyValue> make, LogEventPropertyValue original)
    {
        var scrubbed = elements.Select(Scrub).ToList();
        return scrubbed.Where((element, i) => !ReferenceEquals(element, elements[i])).Any() ? make(scrubbed) : original;
    }

    private static StructureValue RebuildStructure(StructureValue structure)
    {
        var properties = structure.Properties.Select(p => new LogEventProperty(p.Name, Scrub(p.Value))).ToList();
        return properties.Where((p, i) => !ReferenceEquals(p.Value, structure.Properties[i].Value)).Any()
            ? new StructureValue(properties, structure.TypeTag)
            : structure;
    }

    private static DictionaryValue RebuildDictionary(DictionaryValue dictionary)
    {
        var elements = dictionary.Elements.Select(pair => new KeyValuePair<ScalarValue, LogEventPropertyValue>(
            pair.Key.Value is string key ? new ScalarValue(Scrub(key)) : pair.Key, Scrub(pair.Value))).ToList();
        return new DictionaryValue(elements);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // Seven digits or more (with the separators people type): phone, card and account numbers. Shorter runs (ports,
    // counts, years, HTTP status codes) stay readable.
    [GeneratedRegex(@"\+?\d(?:[ \-./]?\d){6,}", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRun();
}
