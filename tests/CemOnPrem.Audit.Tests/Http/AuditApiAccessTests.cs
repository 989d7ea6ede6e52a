using System.Net;
using CemOnPrem.Audit.Records;
using CemOnPrem.Audit.Tests.Support;

namespace CemOnPrem.Audit.Tests.Http;

/// <summary>The audit API is for the compliance roles only; every refusal is itself recorded.</summary>
public sealed class AuditApiAccessTests(AuditServerFixture server) : IClassFixture<AuditServerFixture>
{
    public static TheoryData<string> ProtectedPaths { get; } =
    [
        "/api/v1/audit/verify",
        "/api/v1/audit/checkpoints",
        "/api/v1/audit/records",
        "/api/v1/audit/subjects/eu-central?type=account&value=x",
        "/api/v1/audit/export",
    ];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(ProtectedPaths))]
    public async Task Anonymous_callers_get_401_problem_and_the_denial_is_recorded(string path)
    {
        using var client = server.Client();
        var head = await server.HeadAsync();

        var response = await client.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var record = Assert.Single(await server.RecordsAfterAsync(head));
        Assert.Equal((AuditActions.AccessDenied, "anonymous", "denied", "status=401"), (record.Action, record.Actor, record.Outcome, record.Detail));
        Assert.Equal("GET " + path.Split('?')[0].Replace("eu-central", "{region}", StringComparison.Ordinal), record.Resource);
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("admin")]
    [InlineData("analyst")]
    [InlineData("ingest-client")]
    [InlineData("")]
    public async Task Every_other_role_gets_403_problem_on_every_audit_endpoint(string role)
    {
        using var client = server.Client("someone-" + role, role);
        foreach (var path in ProtectedPaths.Select(row => row.Data))
        {
            var head = await server.HeadAsync();

            var response = await client.GetAsync(path, Cancellation);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var record = Assert.Single(await server.RecordsAfterAsync(head));
            Assert.Equal((AuditActions.AccessDenied, "user:someone-" + role, "denied"), (record.Action, record.Actor, record.Outcome));
        }
    }

    [Theory]
    [InlineData("compliance")]
    [InlineData("auditor-readonly")]
    public async Task Compliance_roles_may_verify_and_export_checkpoints(string role)
    {
        using var client = server.Client("officer-" + role, role);

        var verify = await client.GetAsync("/api/v1/audit/verify", Cancellation);
        var checkpoints = await client.GetAsync("/api/v1/audit/checkpoints", Cancellation);

        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.Equal("application/x-ndjson", verify.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, checkpoints.StatusCode);
    }
}
