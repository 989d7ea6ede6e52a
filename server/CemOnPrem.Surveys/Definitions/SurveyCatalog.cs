using System.Collections.Concurrent;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>
/// The catalog: the active packs' surveys and the admin-made ones. A pack survey's version is recorded the first
/// time this node serves it, so after a pack upgrade a response naming the older version still finds its questions
/// (<c>FindAsync(key, oldVersion)</c>). Published versions never change, so once read they are kept in memory.
/// </summary>
public sealed class SurveyCatalog(PackSurveyCatalog packSurveys, SurveyVersionStore versions) : ISurveyCatalog
{
    private readonly ConcurrentDictionary<(string Key, string Version), PublishedSurvey> _published = new();

    public async Task<PublishedSurvey?> FindAsync(string key, string? version, CancellationToken cancellationToken)
    {
        if (SurveyKeys.Parse(key) is not ({ } packId, _))
        {
            return SurveyKeys.Parse(key) is null ? null
                : version is null ? await versions.LatestAsync(key, cancellationToken).ConfigureAwait(false)
                : await StoredAsync(key, version, cancellationToken).ConfigureAwait(false);
        }

        if (packSurveys.Find(key, null) is { } active && (version is null || version == active.Version))
        {
            await RecordAsync(active, cancellationToken).ConfigureAwait(false);
            return active;
        }

        return version is null ? null : await StoredAsync(key, version, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PublishedSurvey>> ListAsync(CancellationToken cancellationToken)
    {
        var fromPacks = packSurveys.All();
        foreach (var survey in fromPacks)
        {
            await RecordAsync(survey, cancellationToken).ConfigureAwait(false);
        }

        var adminMade = await versions.LatestOfEveryAdminSurveyAsync(cancellationToken).ConfigureAwait(false);
        return [.. fromPacks.Concat(adminMade).OrderBy(s => s.Key, StringComparer.Ordinal)];
    }

    private async Task RecordAsync(PublishedSurvey survey, CancellationToken cancellationToken)
    {
        if (!_published.ContainsKey((survey.Key, survey.Version)))
        {
            await versions.RecordPackVersionAsync(survey, cancellationToken).ConfigureAwait(false);
            _published.TryAdd((survey.Key, survey.Version), survey);
        }
    }

    private async Task<PublishedSurvey?> StoredAsync(string key, string version, CancellationToken cancellationToken)
    {
        if (_published.TryGetValue((key, version), out var known))
        {
            return known;
        }

        var stored = await versions.FindAsync(key, version, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : _published.GetOrAdd((key, version), stored);
    }
}
