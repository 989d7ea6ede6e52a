namespace CemOnPrem.Surveys.Definitions;

/// <summary>The catalog: pack surveys from the active packs (admin-made surveys join in the definitions part).</summary>
public sealed class SurveyCatalog(PackSurveyCatalog packSurveys) : ISurveyCatalog
{
    public Task<PublishedSurvey?> FindAsync(string key, string? version, CancellationToken cancellationToken) =>
        Task.FromResult(packSurveys.Find(key, version));

    public Task<IReadOnlyList<PublishedSurvey>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult(packSurveys.All());
}
