using System.Net;
using CemOnPrem.Audit.Tests.Support;

namespace CemOnPrem.Audit.Tests.Http;

/// <summary>When the audit record cannot be committed, the access (or the denial) fails with 503 + Retry-After and nothing of the data leaves.</summary>
public sealed class FailClosedTests(AuditServerFixture server) : IClassFixture<AuditServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_ingest_and_denials_fail_with_503_while_the_trail_cannot_commit()
    {
        using var officer = server.Client("officer-f", "agent");
        var events = new TestEvents();
        var customerId = await TestEvents.PostAsync(officer, events.Feedback("ACCT-" + events.Tag));
        var head = await server.HeadAsync();
        await server.ExecuteAsync("""
            create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit disk full'; end; $$;
            create trigger refuse_audit before insert on audit_records for each row execute function refuse_audit();
            """);
        try
        {
            var read = await officer.GetAsync($"/api/v1/customers/eu-central/{customerId}", Cancellation);
            var lookup = await officer.GetAsync($"/api/v1/customers/eu-central/lookup?type=account&value=ACCT-{events.Tag}", Cancellation);
            var ingest = await officer.PostAsync("/api/v1/events", TestEvents.Json(events.Feedback("ACCT-" + events.Tag)), Cancellation);
            // Denials (a 401 challenge, a 403 of a policy) are recorded before their body is written: unrecordable, they become 503.
            using var anonymous = server.Client();
            var unauthenticated = await anonymous.GetAsync("/api/v1/audit/verify", Cancellation);
            var forbidden = await officer.GetAsync("/api/v1/audit/verify", Cancellation);

            Assert.Null(unauthenticated.Headers.WwwAuthenticate.FirstOrDefault());
            foreach (var response in new[] { read, lookup, ingest, unauthenticated, forbidden })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var body = await response.Content.ReadAsStringAsync(Cancellation);
                Assert.Contains("urn:cem:problem:audit-unavailable", body, StringComparison.Ordinal);
                Assert.DoesNotContain(customerId, body, StringComparison.Ordinal);
            }
        }
        finally
        {
            await server.ExecuteAsync("drop trigger refuse_audit on audit_records");
        }

        Assert.Empty(await server.RecordsAfterAsync(head));
        var again = await officer.GetAsync($"/api/v1/customers/eu-central/{customerId}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
