namespace CemOnPrem.Surveys.Definitions;

/// <summary>Where every part of the module reads published surveys from: the active packs' and the admin-made ones.</summary>
public interface ISurveyCatalog
{
    /// <summary>The given version of a survey, or its latest published version when <paramref name="version"/> is null.</summary>
    Task<PublishedSurvey?> FindAsync(string key, string? version, CancellationToken cancellationToken);

    /// <summary>The latest published version of every survey.</summary>
    Task<IReadOnlyList<PublishedSurvey>> ListAsync(CancellationToken cancellationToken);
}
