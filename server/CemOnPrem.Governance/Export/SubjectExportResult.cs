using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace CemOnPrem.Governance.Export;

/// <summary>
/// Streams the export zip straight into the response body: per category <c>{name}.json</c> and <c>{name}.csv</c>,
/// then <c>manifest.json</c> (subject, generation time, per category its row count and the SHA-256 of each file).
/// Runs as the result, i.e. after the <c>dsar.export</c> audit record is committed.
/// </summary>
public sealed class SubjectExportResult(ExportSubject subject, IReadOnlyList<IExportCategory> categories, TimeProvider clock)
    : IResult, IStatusCodeHttpResult
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var cancellation = httpContext.RequestAborted;
        var generatedAt = clock.GetUtcNow();
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/zip";
        httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"dsar-{subject.Region}-{subject.CustomerId}.zip\"";
        // ZipArchive writes its central directory synchronously when disposed; the response body is not seekable,
        // so entries go out as they are written (data descriptors) and only this request may block on the socket.
        httpContext.Features.Get<IHttpBodyControlFeature>()?.AllowSynchronousIO = true;

        var manifest = new List<object>();
        using var zip = new ZipArchive(httpContext.Response.Body, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var category in categories)
        {
            var rows = await category.ReadAsync(subject, cancellation).ConfigureAwait(false);
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, content) in new[] { ($"{category.Name}.json", ExportFiles.ToJson(rows)), ($"{category.Name}.csv", ExportFiles.ToCsv(rows)) })
            {
                await WriteEntryAsync(zip, name, content, cancellation).ConfigureAwait(false);
                files[name] = Convert.ToHexStringLower(SHA256.HashData(content));
            }

            manifest.Add(new { category = category.Name, count = rows.Count, files = files.Select(f => new { name = f.Key, sha256 = f.Value }) });
        }

        var document = new
        {
            subject = new { region = subject.Region, customerId = subject.CustomerId, mergedCustomerIds = subject.MergedCustomerIds },
            generatedAt,
            categories = manifest,
        };
        await WriteEntryAsync(zip, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(document, Json), cancellation).ConfigureAwait(false);
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, byte[] content, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = entry.Open();
        await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
    }
}
