using CemOnPrem.Ingest;
using CemOnPrem.Storage.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CemOnPrem.Server.Tests.Ingest;

/// <summary>
/// An event the store could not take is answered 503 naming its region and saying to retry: one event with the whole
/// response (and Retry-After), a batch item with its own result. Pinned here because provoking a full writer queue or a
/// region database outage through the server takes a cluster (Cluster.Tests).
/// </summary>
public sealed class IngestRefusalAnswersTests
{
    private static readonly NewEvent Event = new(
        "branch-tablet", "e-1", "eu-central", "feedback", "branch-visit", null, DateTimeOffset.UnixEpoch.AddYears(40),
        [], new Dictionary<string, string>(), new Dictionary<string, double> { ["nps"] = 9 }, null);

    [Fact]
    public void A_full_queue_answers_one_event_503_with_retry_after_naming_the_region()
    {
        var context = new DefaultHttpContext();

        var answer = SingleEventAnswer.Of(new IngestItem { State = IngestState.Overloaded, Event = Event }, context);

        var problem = Assert.IsType<ProblemHttpResult>(answer.Result).ProblemDetails;
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.Status);
        Assert.Equal("urn:cem:problem:overloaded", problem.Type);
        Assert.Equal("Ingest queue full.", problem.Title);
        Assert.Equal("The writer of region 'eu-central' has too many requests waiting; retry after 1 second.", problem.Detail);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public void A_full_queue_answers_a_batch_item_503_naming_the_region()
    {
        var result = BatchItemResult.Of(3, new IngestItem { State = IngestState.Overloaded, Event = Event });

        AssertUnavailable(result, "urn:cem:problem:overloaded", "The writer of region 'eu-central' is full; retry this item.");
    }

    [Fact]
    public void A_region_database_outage_answers_a_batch_item_503_saying_nothing_of_it_was_stored()
    {
        var result = BatchItemResult.Of(3, new IngestItem { State = IngestState.StoreUnavailable, Event = Event });

        AssertUnavailable(result, "urn:cem:problem:store-unavailable",
            "The database of region 'eu-central' is unavailable; nothing of this item was stored; retry it.");
    }

    private static void AssertUnavailable(BatchItemResult result, string type, string detail)
    {
        Assert.Equal(3, result.Index);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, result.Status);
        Assert.Null(result.Receipt);
        var problem = Assert.IsType<ProblemDetails>(result.Problem);
        Assert.Equal(type, problem.Type);
        Assert.Equal("Not stored; retry.", problem.Title);
        Assert.Equal(detail, problem.Detail);
    }
}
