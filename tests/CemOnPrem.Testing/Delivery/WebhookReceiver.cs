using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CemOnPrem.Testing.Delivery;

/// <summary>
/// A bank's receiver on loopback (real Kestrel): checks every call's signature with the shared secret the way
/// docs/cases.md tells receivers to (independently of the server's code), answers the statuses it is told to, and keeps
/// what it received.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();

    private WebhookReceiver(WebApplication app, string secret)
    {
        _app = app;
        Secret = secret;
    }

    public string Secret { get; }

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";

    /// <summary>Every call, in arrival order, with whether its signature and timestamp checked out.</summary>
    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    /// <summary>The status for calls once the queued answers are used up.</summary>
    public int DefaultStatus { get; set; } = 200;

    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue(status);
        }
    }

    public static async Task<WebhookReceiver> StartAsync(string secret)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret);
        app.MapPost("/hook", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task ReceiveAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = http.Request.Headers;
        var timestamp = headers["X-Cem-Timestamp"].ToString();
        var verified = long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                       && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) <= 300
                       && SignatureMatches(headers["X-Cem-Signature"].ToString(), timestamp, body);
        var status = _answers.TryDequeue(out var queued) ? queued : DefaultStatus;
        Calls.Enqueue(new ReceivedCall(headers["X-Cem-Event"].ToString(), headers["X-Cem-Delivery"].ToString(), body, verified, status));
        http.Response.StatusCode = verified ? status : 401;
    }

    private bool SignatureMatches(string header, string timestamp, string body)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(header));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record ReceivedCall(string Event, string Delivery, string Body, bool Verified, int Status);
