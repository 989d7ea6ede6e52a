namespace CemOnPrem.Surveys.Respondent;

/// <param name="Link">The path to print as a QR code (prefix it with the bank's public address).</param>
public sealed record CreatedUnitLink(UnitLink UnitLink, string Link);
