using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Rules;
using CemOnPrem.Sdk.Surveys;
using CemOnPrem.Sdk.Text;

namespace CemOnPrem.Sdk.Packs;

/// <summary>Everything a pack contributes as data: read from its <c>journeys/</c>, <c>metrics/</c>, <c>surveys/</c>, <c>rules/</c> and <c>lexicons/</c> folders.</summary>
public sealed record PackContent
{
    /// <summary>The manifest (<c>pack.json</c>).</summary>
    public required PackManifest Manifest { get; init; }

    /// <summary>Journey templates.</summary>
    public IReadOnlyList<JourneyTemplate> Journeys { get; init; } = [];

    /// <summary>Metric definitions.</summary>
    public IReadOnlyList<MetricDefinition> Metrics { get; init; } = [];

    /// <summary>Survey templates.</summary>
    public IReadOnlyList<SurveyTemplate> Surveys { get; init; } = [];

    /// <summary>Alert and case rules.</summary>
    public IReadOnlyList<CaseRule> Rules { get; init; } = [];

    /// <summary>Text lexicons, one per language.</summary>
    public IReadOnlyList<TextLexicon> Lexicons { get; init; } = [];
}
