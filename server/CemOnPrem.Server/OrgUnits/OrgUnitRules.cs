using CemOnPrem.Contracts.Text;
using CemOnPrem.Sdk;
using CemOnPrem.Storage.OrgUnits;

namespace CemOnPrem.Server.OrgUnits;

internal static class OrgUnitRules
{
    public const int MaxNameLength = 200;

    public static IEnumerable<(string Field, string Message)> Check(OrgUnitDraft unit)
    {
        if (!Codes.IsValid(unit.Code))
        {
            yield return ("code", $"'{unit.Code}' {Codes.Rule}.");
        }

        if (string.IsNullOrWhiteSpace(unit.Name) || unit.Name.Length > MaxNameLength || InputText.CheckSingleLine(unit.Name) is not null)
        {
            yield return ("name", $"is required: 1-{MaxNameLength} characters without control characters.");
        }

        if (!Codes.IsValid(unit.Level))
        {
            yield return ("level", $"'{unit.Level}' {Codes.Rule} (e.g. hq, region, branch, dealer, claims-team).");
        }

        if (unit.ParentCode is not null && !Codes.IsValid(unit.ParentCode))
        {
            yield return ("parent", $"'{unit.ParentCode}' {Codes.Rule}.");
        }

        if (unit.ParentCode == unit.Code)
        {
            yield return ("parent", "a unit cannot be its own parent.");
        }
    }
}
