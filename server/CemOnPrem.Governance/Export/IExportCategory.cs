namespace CemOnPrem.Governance.Export;

/// <summary>
/// One category of a data-subject export (profile, identities, events …): becomes <c>{Name}.json</c> and
/// <c>{Name}.csv</c> in the zip and a line in its manifest. Adding a category (consents, cases) is one class
/// registered with <c>services.AddSingleton&lt;IExportCategory, TheCategory&gt;()</c>.
/// </summary>
public interface IExportCategory
{
    /// <summary>File name stem and manifest key: lower-case, e.g. <c>events</c>.</summary>
    string Name { get; }

    /// <summary>The subject's rows, decrypted. Each row's keys are the columns (the CSV header is their union, in first-seen order).</summary>
    Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadAsync(ExportSubject subject, CancellationToken cancellationToken);
}
