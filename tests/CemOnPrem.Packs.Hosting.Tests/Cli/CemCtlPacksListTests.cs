using System.Net;
using System.Text;
using CemOnPrem.Cli.Packs;

namespace CemOnPrem.Packs.Hosting.Tests.Cli;

/// <summary><c>cemctl packs list</c> asks the server's <c>GET /api/v1/packs</c> with the administrator's token.</summary>
public sealed class CemCtlPacksListTests
{
    private const string Body = """
        {"packs":[{"id":"com.acme.claims","version":"0.1.0","publisher":"acme","status":"loaded","statusReason":null,
          "signature":{"state":"verified","publisher":"acme","keyId":"k1"},
          "contributes":{"journeys":["service-visit"],"metrics":["repeat-visit-rate","visit-nps"],"surveys":[],"rules":[],"lexiconLanguages":[]}},
         {"id":"com.acme.broken","version":"0.1.0","publisher":"acme","status":"refused","statusReason":"file changed: journeys/a.json",
          "signature":{"state":"invalid"},
          "contributes":{"journeys":[],"metrics":[],"surveys":[],"rules":[],"lexiconLanguages":[]}}]}
        """;

    [Fact]
    public async Task Lists_each_pack_with_status_signature_state_and_contributions_sending_the_token()
    {
        using var handler = new Stub(HttpStatusCode.OK, Body);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await PacksList.RunAsync(new Uri("http://server.test"), "admin-token", output, error, handler);

        Assert.Equal((0, ""), (code, error.ToString()));
        Assert.Equal(("Bearer", "admin-token"), (handler.Request!.Headers.Authorization!.Scheme, handler.Request.Headers.Authorization.Parameter));
        Assert.Equal("http://server.test/api/v1/packs", handler.Request.RequestUri!.ToString());
        Assert.Equal(
            "com.acme.claims 0.1.0  loaded  signature verified  publisher acme  journeys [service-visit]  metrics [repeat-visit-rate, visit-nps]\n"
            + "com.acme.broken 0.1.0  refused (file changed: journeys/a.json)  signature invalid  publisher acme  journeys []  metrics []\n",
            output.ToString());
    }

    [Fact]
    public async Task A_refused_request_exits_1_with_the_status()
    {
        using var handler = new Stub(HttpStatusCode.Unauthorized, "");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await PacksList.RunAsync(new Uri("http://server.test"), "expired", output, error, handler);

        Assert.Equal((1, "cemctl: GET /api/v1/packs: 401 Unauthorized\n"), (code, error.ToString()));
    }

    private sealed class Stub(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
