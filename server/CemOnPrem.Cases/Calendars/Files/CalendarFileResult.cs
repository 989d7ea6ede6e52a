namespace CemOnPrem.Cases.Calendars.Files;

/// <summary>The days an import file lists, or what is wrong with it: keys name the line (<c>line 7</c>) and messages the field.</summary>
public sealed record CalendarFileResult(IReadOnlyList<CalendarDay> Days, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
