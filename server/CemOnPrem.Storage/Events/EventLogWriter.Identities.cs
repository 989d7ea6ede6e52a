using CemOnPrem.Contracts.Customers;

namespace CemOnPrem.Storage.Events;

public sealed partial class EventLogWriter
{
    /// <summary>
    /// Defence in depth behind ingest validation: an identity that <see cref="IdentityRules"/> finds unusable, or that is
    /// not in its normal form, is neither stored nor stitched on, whoever called. Such a value would be a meeting point
    /// for strangers ("+" from "+++" and from "+ ( ) -"); the event itself is kept, under its other identities or as a
    /// customer of its own. About a microsecond per identity (two and a half for a phone).
    /// </summary>
    internal static IReadOnlyList<NewEvent> WithStitchableIdentities(IReadOnlyList<NewEvent> events)
    {
        List<NewEvent>? copy = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (copy is null && e.Identities.All(IsStitchable))
            {
                continue;
            }

            copy ??= [.. events.Take(i)];
            copy.Add(e.Identities.All(IsStitchable) ? e : e with { Identities = [.. e.Identities.Where(IsStitchable)] });
        }

        return copy ?? events;
    }

    private static bool IsStitchable(CustomerIdentity identity) =>
        string.Equals(IdentityRules.Check(identity.Type, identity.Value).Value, identity.Value, StringComparison.Ordinal);
}
