using System.Globalization;
using System.Net;
using System.Text;

namespace CemOnPrem.Delivery;

/// <summary>
/// One signed webhook call. 2xx = delivered; 408, 429, 5xx, timeouts and connection faults = retry; any other status
/// (400, 401, 403, 404, 410, 3xx — redirects are not followed) = dead at once: the receiver refused this request and
/// will refuse it again, so retrying would only delay what an admin needs to see (retry from the dead-letter API once fixed).
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time)
{
    /// <param name="clientName">The named HTTP client (see <see cref="WebhookClients.Add"/>) the module registered.</param>
    public async Task<DeliveryResult> SendAsync(string clientName, string url, string secret, Guid deliveryId, string eventName, string body, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.EventHeader, eventName);
        request.Headers.Add(WebhookSignature.DeliveryHeader, deliveryId.ToString());
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(secret, timestamp, body));
        try
        {
            using var response = await clients.CreateClient(clientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return Classify(response.StatusCode);
        }
        catch (HttpRequestException ex)
        {
            return DeliveryResult.Retry("connection failed (" + ex.HttpRequestError + ")");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Retry("timed out");
        }
    }

    public static DeliveryResult Classify(HttpStatusCode status)
    {
        var code = (int)status;
        var text = "HTTP " + code.ToString(CultureInfo.InvariantCulture);
        return code switch
        {
            >= 200 and < 300 => DeliveryResult.Success,
            408 or 429 or >= 500 => DeliveryResult.Retry(text),
            _ => DeliveryResult.Fail(text + " (refused by the receiver; not retried)"),
        };
    }
}
