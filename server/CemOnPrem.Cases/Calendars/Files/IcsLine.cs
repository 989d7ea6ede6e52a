namespace CemOnPrem.Cases.Calendars.Files;

/// <summary>One unfolded content line: <c>NAME;PARAM=V:value</c>, with the number of the physical line it starts on.</summary>
internal sealed record IcsLine(int Number, string Name, string Parameters, string Value)
{
    public bool Is(string name, string value) =>
        Name.Equals(name, StringComparison.OrdinalIgnoreCase) && Value.Trim().Equals(value, StringComparison.OrdinalIgnoreCase);

    public bool HasParameter(string parameter) =>
        Parameters.Split(';').Any(p => p.Trim().Equals(parameter, StringComparison.OrdinalIgnoreCase));
}
