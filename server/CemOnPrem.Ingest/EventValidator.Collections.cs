using CemOnPrem.Contracts.Customers;
using CemOnPrem.Sdk;

namespace CemOnPrem.Ingest;

public sealed partial class EventValidator
{
    /// <param name="unusable">Values that are well-formed text but fail <see cref="IdentityRules"/> (answered 422, not 400).</param>
    private static List<CustomerIdentity> Identities(Errors errors, Errors unusable, List<IdentityDocument?>? customer)
    {
        var result = new List<CustomerIdentity>();
        if (customer is null || customer.Count == 0)
        {
            errors.Add("customer", "needs at least one identity {\"type\": ..., \"value\": ...}.");
            return result;
        }

        if (customer.Count > MaxIdentities)
        {
            errors.Add("customer", $"has {customer.Count} identities; at most {MaxIdentities} are allowed.");
            return result;
        }

        for (var i = 0; i < customer.Count; i++)
        {
            var field = $"customer[{i}]";
            var identity = customer[i];
            if (identity is null)
            {
                errors.Add(field, "must be an object {\"type\": ..., \"value\": ...}.");
                continue;
            }

            var type = Code(errors, field + ".type", identity.Type, required: true);
            if (string.IsNullOrWhiteSpace(identity.Value))
            {
                errors.Add(field + ".value", "is required.");
                continue;
            }

            if ((TextRules.Check(identity.Value, MaxIdentityValueLength) ?? ControlCharacters(identity.Value)) is { } valueError)
            {
                errors.Add(field + ".value", valueError);
                continue;
            }

            if (type is null)
            {
                continue;
            }

            var check = IdentityRules.Check(type, identity.Value);
            if (!check.IsUsable)
            {
                unusable.Add(field + ".value", $"is not a usable {type}: it {check.Problem}");
                continue;
            }

            var candidate = new CustomerIdentity(type, check.Value!);
            if (!result.Contains(candidate))
            {
                result.Add(candidate);
            }
        }

        return result;
    }

    private static Dictionary<string, string> Attributes(Errors errors, Dictionary<string, string?>? attributes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (attributes is null)
        {
            return result;
        }

        if (attributes.Count > MaxAttributes)
        {
            errors.Add("attributes", $"has {attributes.Count} entries; at most {MaxAttributes} are allowed.");
            return result;
        }

        foreach (var (key, value) in attributes)
        {
            var field = $"attributes.{Truncate(key)}";
            if (!Codes.IsValid(key))
            {
                errors.Add(field, $"the key {Codes.Rule}.");
            }
            else if (value is null)
            {
                errors.Add(field, "must be a string, not null.");
            }
            else if (TextRules.Check(value, MaxAttributeValueLength) is { } error)
            {
                errors.Add(field, error);
            }
            else
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static Dictionary<string, double> Scores(Errors errors, Dictionary<string, double?>? scores)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (scores is null)
        {
            return result;
        }

        if (scores.Count > MaxScores)
        {
            errors.Add("scores", $"has {scores.Count} entries; at most {MaxScores} are allowed.");
            return result;
        }

        foreach (var (key, value) in scores)
        {
            var field = $"scores.{Truncate(key)}";
            if (!Codes.IsValid(key))
            {
                errors.Add(field, $"the key {Codes.Rule}.");
            }
            else if (value is not { } number)
            {
                errors.Add(field, "must be a number, not null.");
            }
            else if (ScoreScale.BuiltIn.TryGetValue(key, out var scale) && !scale.Allows(number))
            {
                errors.Add(field, $"{number.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not allowed: {key} {scale.Describe()}.");
            }
            else if (!double.IsFinite(number) || Math.Abs(number) > MaxCustomScore)
            {
                errors.Add(field, $"must be a finite number within ±{MaxCustomScore:0e0}.");
            }
            else
            {
                result[key] = number;
            }
        }

        return result;
    }
}
