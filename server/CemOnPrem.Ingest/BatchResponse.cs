namespace CemOnPrem.Ingest;

/// <summary>The answer to <c>POST /api/v1/events/batch</c>: a result per item, in input order.</summary>
public sealed record BatchResponse(int Accepted, int Rejected, IReadOnlyList<BatchItemResult> Results)
{
    internal static BatchResponse Of(IngestPipeline ingest)
    {
        var results = new BatchItemResult[ingest.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = BatchItemResult.Of(i, ingest[i]);
        }

        var accepted = results.Count(r => r.Status == StatusCodes.Status202Accepted);
        return new BatchResponse(accepted, results.Length - accepted, results);
    }
}
