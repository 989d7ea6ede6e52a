using System.Net.Http.Headers;
using System.Text;

namespace CemOnPrem.Server.Tests.Hostile;

/// <summary>One hostile variant of an endpoint's valid request: where the value went, what kind it is, and the request itself.</summary>
public sealed record HostileRequest(string Endpoint, string Where, string Kind, HttpMethod Method, string Url, string? Body, string? MediaType,
    IReadOnlyList<KeyValuePair<string, IEnumerable<string>>> Headers)
{
    /// <summary>Whether the request writes (so a refusal must leave the databases as they were).</summary>
    public bool Writes => Method == HttpMethod.Post || Method == HttpMethod.Put;

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, new Uri(Url, UriKind.Relative));
        foreach (var (name, values) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, values);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (MediaType is not null)
            {
                message.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaType) { CharSet = "utf-8" };
            }
        }

        return message;
    }

    public override string ToString() => $"{Endpoint} [{Where}, {Kind}] {Method} {Shorten(Url)} {Shorten(Body ?? "")}";

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
