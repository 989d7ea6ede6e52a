using CemOnPrem.Surveys.Definitions;

namespace CemOnPrem.Surveys.Tests.Responses;

/// <summary>A catalog holding the test survey (the definitions part's admin-made catalog is built elsewhere; the relay needs only a look-up).</summary>
internal sealed class FixedCatalog(params PublishedSurvey[] surveys) : ISurveyCatalog
{
    public Task<PublishedSurvey?> FindAsync(string key, string? version, CancellationToken cancellationToken) =>
        Task.FromResult(surveys.FirstOrDefault(s => s.Key == key && (version is null || s.Version == version)));

    public Task<IReadOnlyList<PublishedSurvey>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PublishedSurvey>>(surveys);
}
