using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Surveys.Definitions;

/// <summary>Admin-made survey bodies for the API tests: valid against the privacy server's pack (touchpoint branch-visit), with a matrix.</summary>
internal static class SurveyBodies
{
    public static string Id() => "admin-" + Guid.NewGuid().ToString("N")[..10];

    public static JsonObject Texts(string en, string zh) => new() { ["en"] = en, ["zh"] = zh };

    public static JsonObject Survey(string id, int npsMinimum = 0) => new()
    {
        ["id"] = id,
        ["name"] = Texts("After your visit", "到访回访"),
        ["trigger"] = new JsonObject { ["touchpoint"] = "branch-visit", ["delay"] = "PT1H" },
        ["consentPurpose"] = "feedback-survey",
        ["questions"] = new JsonArray(
            new JsonObject
            {
                ["id"] = "nps", ["kind"] = "scale", ["required"] = true, ["text"] = Texts("Recommend us?", "推荐我们吗？"),
                ["scale"] = new JsonObject { ["scoreKey"] = "nps", ["minimum"] = npsMinimum, ["maximum"] = 10 },
            },
            new JsonObject
            {
                ["id"] = "aspects", ["kind"] = "matrix", ["text"] = Texts("Rate each part", "请评价各方面"),
                ["scale"] = new JsonObject { ["scoreKey"] = "visit-aspects", ["minimum"] = 1, ["maximum"] = 5 },
                ["rows"] = new JsonArray(
                    new JsonObject { ["id"] = "wait", ["scoreKey"] = "csat-wait", ["text"] = Texts("Waiting time", "等候时间") },
                    new JsonObject { ["id"] = "staff", ["scoreKey"] = "csat-staff", ["text"] = Texts("Staff", "员工") }),
            },
            new JsonObject
            {
                ["id"] = "why-wait", ["kind"] = "text", ["text"] = Texts("What made you wait?", "什么原因让您久等？"),
                ["showIf"] = new JsonObject { ["answer"] = "aspects/wait", ["operator"] = "less-or-equal", ["values"] = new JsonArray("2") },
            }),
    };

    public static HttpRequestMessage WithIfMatch(this HttpRequestMessage request, string? etag)
    {
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return request;
    }

    public static HttpRequestMessage Put(string url, JsonNode body, string? etag) => new HttpRequestMessage(HttpMethod.Put, url) { Content = Events.Json(body) }.WithIfMatch(etag);
}
