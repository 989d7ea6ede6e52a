using System.Net.Mail;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace CemOnPrem.Contracts.Customers;

/// <summary>
/// The one place that decides whether an identity value is usable and what it normalises to. Identities stitch
/// strangers together when two people's junk values normalise alike ("+++" and "+ ( ) -" both became "+"), so a value
/// is only usable when it still identifies someone after normalisation. Ingest refuses unusable values (422), the event
/// writer never stores or stitches on them, lookups refuse them, and <c>cemctl customers check-identities</c> finds the
/// ones stored before these rules existed.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>phone</c>: international form only — a leading <c>+</c> (or the international prefix <c>00</c>) and a
/// country code; digits, spaces and <c>-</c> <c>.</c> <c>(</c> <c>)</c> <c>/</c> only (no letters: vanity numbers
/// would be read as digits); a number of a possible length for its country including its area code (libphonenumber's
/// IS_POSSIBLE, not IS_POSSIBLE_LOCAL_ONLY); not a placeholder (one digit repeated, or a run such as 1234567890); stored
/// as E.164. There is
/// no default region: one server holds several countries, and "138 0000 0000" without its country would meet a
/// stranger's number from another one.</item>
/// <item><c>email</c>: exactly one address (no display name, no angle brackets, one <c>@</c>), parsed by
/// <see cref="MailAddress"/>, with a domain of at least two labels, not a placeholder mailbox (none@, noreply@, test@ …)
/// or placeholder domain (@none.com, @noemail.com …); lower-cased.</item>
/// <item><c>vin</c>: 17 characters of A–Z and 0–9 without I, O and Q (ISO 3779); upper-cased.</item>
/// <item><c>account</c>, <c>card_token</c> and any other type: at least <see cref="MinSignificant"/> letters or digits,
/// not all the same one, not a placeholder such as "null" or "unknown"; an account is letters, digits and
/// <c>- . / _ :</c> or spaces; a card token (a vault's token, never the card number) is letters, digits and
/// <c>- _ . :</c> and must not be a card number.</item>
/// </list>
/// </remarks>
public static partial class IdentityRules
{
    /// <summary>Letters or digits an account, card token or custom identity needs at least.</summary>
    public const int MinSignificant = 3;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    // Values integrations send when they have none: each would make every such record one customer.
    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "nil", "none", "undefined", "unknown", "empty", "n/a", "na", "tbd", "test", "anonymous", "guest", "default",
    };

    // Mailboxes forms and clerks fill in when a customer gives no address: one such address is shared by everyone without one.
    private static readonly HashSet<string> PlaceholderMailboxes = new(StringComparer.Ordinal)
    {
        "none", "noemail", "no-email", "no_email", "no.email", "nomail", "no-mail", "noreply", "no-reply", "donotreply", "do-not-reply",
        "null", "nil", "unknown", "na", "n/a", "x", "xx", "xxx", "dummy", "fake", "invalid", "test", "empty", "undefined",
    };

    // Made-up domains of the same kind. The reserved ones (example.com, *.example, *.test, *.invalid) stay usable: they are
    // what test and demo data use, each address there is distinct, and no real customer has one.
    private static readonly HashSet<string> PlaceholderMailDomains = new(StringComparer.Ordinal)
    {
        "none.com", "noemail.com", "no-email.com", "nomail.com", "no-mail.com", "noreply.com",
    };

    public static IdentityCheck Check(string type, string value)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return IdentityCheck.Unusable("is empty.");
        }

        return type switch
        {
            "phone" => Phone(trimmed),
            "email" => Email(trimmed.ToLowerInvariant()),
            "vin" => Vin(trimmed.ToUpperInvariant()),
            "account" => Generic(trimmed, "an account", AccountCharacters(), "letters, digits, spaces and - . / _ :"),
            "card_token" => CardToken(trimmed),
            _ => Generic(trimmed, $"a {type}", null, null),
        };
    }

    private static IdentityCheck Phone(string value)
    {
        if (!PhoneCharacters().IsMatch(value))
        {
            return IdentityCheck.Unusable("is not a phone number: only digits, a leading '+', spaces and - . ( ) / are allowed.");
        }

        var international = value.StartsWith("00", StringComparison.Ordinal) ? "+" + value[2..] : value;
        if (!international.StartsWith('+'))
        {
            return IdentityCheck.Unusable("needs the international form with its country code, e.g. +44 20 7946 0958.");
        }

        PhoneNumber number;
        try
        {
            number = Phones.Parse(international, null);
        }
        catch (NumberParseException)
        {
            return IdentityCheck.Unusable("is not a phone number with a country code.");
        }

        // IS_POSSIBLE_LOCAL_ONLY is a number without its area code ("+1 555-1234"): people in different areas share it.
        var possibility = Phones.IsPossibleNumberWithReason(number);
        if (possibility == PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY)
        {
            return IdentityCheck.Unusable("is a local number without its area code; send the full international number.");
        }

        if (possibility != PhoneNumberUtil.ValidationResult.IS_POSSIBLE)
        {
            return IdentityCheck.Unusable("has the wrong number of digits for its country code.");
        }

        // Not IsValidNumber: real ranges change and test systems use unassigned ones; only obvious fillers are refused.
        return IsPlaceholderDigits(Phones.GetNationalSignificantNumber(number))
            ? IdentityCheck.Unusable("is a placeholder number (one digit repeated, or a run such as 1234567890).")
            : IdentityCheck.Usable(Phones.Format(number, PhoneNumberFormat.E164));
    }

    // One digit repeated (000 000 0000) or a run up or down, wrapping 9 to 0 (1234567890, 0123456789, 9876543210).
    private static bool IsPlaceholderDigits(string digits)
    {
        if (digits.Length < 2)
        {
            return true;
        }

        var step = (digits[1] - digits[0] + 10) % 10;
        if (step is not (0 or 1 or 9))
        {
            return false;
        }

        for (var i = 2; i < digits.Length; i++)
        {
            if ((digits[i] - digits[i - 1] + 10) % 10 != step)
            {
                return false;
            }
        }

        return true;
    }

    private static IdentityCheck Email(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || value.Length > 254)
        {
            return IdentityCheck.Unusable("is not one e-mail address (local-part@domain).");
        }

        // MailAddress also takes "Ann <ann@x.org>" and "<ann@x.org>": only a bare address equal to its own parse is one.
        if (!MailAddress.TryCreate(value, out var address) || address.DisplayName.Length > 0 || address.Address != value)
        {
            return IdentityCheck.Unusable("is not one e-mail address (local-part@domain, without a display name).");
        }

        if (!EmailDomain().IsMatch(address.Host))
        {
            return IdentityCheck.Unusable("needs a domain name with a dot, e.g. name@example.com.");
        }

        return PlaceholderMailboxes.Contains(address.User) || PlaceholderMailDomains.Contains(address.Host)
            ? IdentityCheck.Unusable("is a placeholder address (such as none@ or noreply@), not a customer's mailbox.")
            : IdentityCheck.Usable(value);
    }

    private static IdentityCheck Vin(string value) =>
        VinPattern().IsMatch(value)
            ? IdentityCheck.Usable(value)
            : IdentityCheck.Unusable("is not a VIN: 17 letters and digits, without I, O and Q.");

    private static IdentityCheck CardToken(string value)
    {
        if (value.Length is >= 13 and <= 19 && value.All(char.IsAsciiDigit) && PassesLuhn(value))
        {
            return IdentityCheck.Unusable("looks like a card number; send the card vault's token, never the number.");
        }

        return Generic(value, "a card token", CardTokenCharacters(), "letters, digits and - _ . :");
    }

    private static IdentityCheck Generic(string value, string what, Regex? characters, string? allowed)
    {
        if (characters is not null && !characters.IsMatch(value))
        {
            return IdentityCheck.Unusable($"is not {what}: only {allowed} are allowed.");
        }

        var significant = value.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToList();
        if (significant.Count < MinSignificant)
        {
            return IdentityCheck.Unusable($"is not {what}: it needs at least {MinSignificant} letters or digits.");
        }

        if (significant.All(c => c == significant[0]) || Placeholders.Contains(value))
        {
            return IdentityCheck.Unusable($"is a placeholder, not {what}.");
        }

        return IdentityCheck.Usable(value);
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"\A\+?[0-9 ().\-/]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneCharacters();

    // Labels of letters (any script, for internationalised domains), digits and inner hyphens; a top-level label of two or
    // more characters starting with a letter. Refuses "x@localhost", "x@[10.0.0.1]" and "x@example.".
    [GeneratedRegex(@"\A(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?\.)+\p{L}[\p{L}\p{N}\-]*[\p{L}\p{N}]\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailDomain();

    [GeneratedRegex(@"\A[A-HJ-NPR-Z0-9]{17}\z", RegexOptions.CultureInvariant)]
    private static partial Regex VinPattern();

    [GeneratedRegex(@"\A[\p{L}\p{N}][\p{L}\p{N} ./_:\-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountCharacters();

    [GeneratedRegex(@"\A[A-Za-z0-9._:\-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex CardTokenCharacters();
}
