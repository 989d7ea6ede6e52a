using System.Text;
using System.Text.Json.Nodes;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Access;

/// <summary>
/// The authorization matrix: every API endpoint (by "METHOD route-pattern", as the endpoint data source lists it),
/// a request to it about the target customer, and who may call it. A new endpoint fails
/// <see cref="AuthorizationMatrixTests"/> until it is added here or to <see cref="AnonymousByDesign"/>.
/// </summary>
public static class AccessMatrix
{
    /// <summary>Endpoints that must stay reachable without a token.</summary>
    public static readonly IReadOnlySet<string> AnonymousByDesign = new HashSet<string>(StringComparer.Ordinal)
    {
        "GET /healthz",
        "GET /readyz",
        "GET /connect/authorize",
        "POST /connect/authorize",
        "POST /connect/token",
        "GET /connect/logout",
        "POST /connect/logout",
        "GET /account/login",
        "POST /account/login",
        // Federation: the way to the bank's IdP and back (OpenIddict's state and correlation cookie protect the return).
        "GET /account/login/external/{provider}",
        "GET /callback/login/{provider}",
        "POST /callback/login/{provider}",
        // surveys: respondent page (a customer's or a walk-in's browser; the link's token is the only key, CSRF-checked forms)
        "GET /s/{token}",
        "POST /s/{token}",
        "GET /s/{token}/done",
        "GET /s/u/{unitToken}",
        "GET /s/assets/respondent.css",
        "GET /s/assets/logo",
    };

    public static IReadOnlyList<MatrixEntry> Entries { get; } =
    [
        new("POST /api/v1/events/", t => Post("/api/v1/events", Events.Json(t.Event())), Ingest, Expect.Accepted),
        new("POST /api/v1/events/batch", t => Post("/api/v1/events/batch", Events.Ndjson([t.Event()])), Ingest, Expect.AcceptedBatch),
        new("GET /api/v1/customers/{region}/lookup", t => Get($"/api/v1/customers/{t.Region}/lookup?type=account&value={t.Account}"), CustomerRead, Expect.Ok),
        new("GET /api/v1/customers/{region}/{customerId}", t => Get($"/api/v1/customers/{t.Region}/{t.CustomerId}"), PseudonymousRead, Expect.Ok),
        new("GET /api/v1/customers/{region}/{customerId}/timeline", t => Get($"/api/v1/customers/{t.Region}/{t.CustomerId}/timeline"), PseudonymousRead, Expect.Ok),
        new("GET /api/v1/org-units/", _ => Get("/api/v1/org-units"), OrgUnitsRead, Expect.Ok),
        new("GET /api/v1/org-units/{code}", _ => Get("/api/v1/org-units/north"), OrgUnitsRead, Expect.Ok),
        new("PUT /api/v1/org-units/{code}", _ => Put("/api/v1/org-units/north-01", new JsonObject { ["name"] = "North branch 1", ["level"] = "branch", ["parent"] = "north" }),
            AdminOnly, Expect.Ok),
        new("POST /api/v1/org-units/import", _ => Post("/api/v1/org-units/import",
            new StringContent("code,name,level,parent\nnorth-01,North branch 1,branch,north\n", Encoding.UTF8, "text/csv")), AdminOnly, Expect.Ok),
        new("GET /api/v1/packs/", _ => Get("/api/v1/packs"), AdminOnly, Expect.Ok),
        new("GET /api/v1/packs/{id}", _ => Get("/api/v1/packs/com.example.none"), AdminOnly, Expect.NotFound),
        new("POST /api/v1/packs/{id}/disable", _ => Post("/api/v1/packs/com.example.none/disable", Events.Json(new JsonObject { ["reason"] = "matrix" })),
            AdminOnly, Expect.NotFound),
        new("POST /api/v1/packs/{id}/enable", _ => Post("/api/v1/packs/com.example.none/enable", null), AdminOnly, Expect.NotFound),
        new("GET /api/v1/customers/{region}/{customerId}/journeys/", t => Get($"/api/v1/customers/{t.Region}/{t.CustomerId}/journeys"), PseudonymousRead, Expect.Ok),
        new("GET /api/v1/customers/{region}/{customerId}/journeys/{templateId}/{instance:int}",
            t => Get($"/api/v1/customers/{t.Region}/{t.CustomerId}/journeys/loan/1"), PseudonymousRead, Expect.NotFound),
        new("GET /api/v1/metrics/", _ => Get("/api/v1/metrics"), Aggregates, Expect.Ok),
        new("GET /api/v1/metrics/{metricId}", _ => Get("/api/v1/metrics/nps?groupBy=orgUnit,month"), Aggregates, Expect.Ok),
        new("GET /api/v1/journeys/", _ => Get("/api/v1/journeys"), Aggregates, Expect.Ok),
        new("GET /api/v1/journeys/{templateId}/funnel", _ => Get("/api/v1/journeys/none/funnel"), Aggregates, Expect.NotFound),
        new("GET /api/v1/journeys/{templateId}/time-in-stage", _ => Get("/api/v1/journeys/none/time-in-stage"), Aggregates, Expect.NotFound),
        new("GET /api/v1/admin/analytics/", _ => Get("/api/v1/admin/analytics"), AdminOnly, Expect.Ok),
        new("POST /api/v1/admin/analytics/{region}/verify", _ => Post("/api/v1/admin/analytics/mars/verify", null), AdminOnly, Expect.NotFound),
        new("POST /api/v1/admin/analytics/{region}/rebuild", _ => Post("/api/v1/admin/analytics/mars/rebuild", null), AdminOnly, Expect.NotFound),
        new("GET /api/v1/admin/analytics/jobs/{id:guid}", _ => Get($"/api/v1/admin/analytics/jobs/{Guid.Empty}"), AdminOnly, Expect.NotFound),
        new("GET /api/v1/audit/verify", _ => Get("/api/v1/audit/verify"), AuditTrail, Expect.Ok),
        new("GET /api/v1/audit/checkpoints", _ => Get("/api/v1/audit/checkpoints"), AuditTrail, Expect.Ok),
        new("GET /api/v1/audit/records", _ => Get("/api/v1/audit/records"), AuditTrail, Expect.Ok),
        new("GET /api/v1/audit/subjects/{region}", t => Get($"/api/v1/audit/subjects/{t.Region}?type=account&value={t.Account}"), AuditTrail, Expect.Ok),
        new("GET /api/v1/audit/export", _ => Get("/api/v1/audit/export?format=json"), AuditTrail, Expect.Ok),
        new("POST /api/v1/customers/{region}/{customerId}/consents/", t => Post($"/api/v1/customers/{t.Region}/{t.CustomerId}/consents", Events.Json(new JsonObject
            { ["purpose"] = "marketing", ["status"] = "granted", ["source"] = "branch-tablet", ["policyVersion"] = "2026-01" })), CustomerRead, Expect.Created),
        new("GET /api/v1/customers/{region}/{customerId}/consents/", t => Get($"/api/v1/customers/{t.Region}/{t.CustomerId}/consents"), CustomerRead, Expect.Ok),
        new("POST /api/v1/privacy/requests/", t => Post("/api/v1/privacy/requests", Events.Json(new JsonObject
            { ["type"] = "access", ["region"] = t.Region, ["customerId"] = t.CustomerId })), PrivacyInRegion, Expect.Created),
        new("GET /api/v1/privacy/requests/", _ => Get("/api/v1/privacy/requests?overdue=true"), Privacy, Expect.Ok),
        new("GET /api/v1/privacy/requests/{id:guid}", _ => Get($"/api/v1/privacy/requests/{Guid.Empty}"), Privacy, Expect.NotFound),
        new("POST /api/v1/privacy/requests/{id:guid}/approve", _ => Post($"/api/v1/privacy/requests/{Guid.Empty}/approve", null), Privacy, Expect.NotFound),
        new("POST /api/v1/privacy/requests/{id:guid}/reject", _ => Post($"/api/v1/privacy/requests/{Guid.Empty}/reject",
            Events.Json(new JsonObject { ["reason"] = "matrix" })), Privacy, Expect.NotFound),
        new("POST /api/v1/privacy/requests/{id:guid}/complete", _ => Post($"/api/v1/privacy/requests/{Guid.Empty}/complete", null), Privacy, Expect.NotFound),
        new("GET /api/v1/privacy/requests/{id:guid}/receipt", _ => Get($"/api/v1/privacy/requests/{Guid.Empty}/receipt"), Privacy, Expect.NotFound),
        new("POST /api/v1/privacy/holds/", t => Post("/api/v1/privacy/holds", Events.Json(new JsonObject
            { ["region"] = t.Region, ["customerId"] = t.CustomerId, ["reason"] = "matrix" })), PrivacyInRegion, Expect.Created),
        new("POST /api/v1/privacy/holds/{region}/{holdId:guid}/release", t => Post($"/api/v1/privacy/holds/{t.Region}/{Guid.Empty}/release", null), Privacy, Expect.NotFound),
        new("GET /api/v1/privacy/holds/{region}", t => Get($"/api/v1/privacy/holds/{t.Region}"), Privacy, Expect.Ok),
        new("POST /api/v1/admin/retention/run", _ => Post("/api/v1/admin/retention/run?dryRun=true", null), AdminOnly, Expect.Ok),
        new("GET /api/v1/privacy/subjects/{region}/{customerId}/export",
            t => WithPurpose(Get($"/api/v1/privacy/subjects/{t.Region}/{t.CustomerId}/export"), "dsar"), SubjectExport, Expect.Ok),
        // cases: notifications
        new("POST /api/v1/admin/webhooks/", _ => Post("/api/v1/admin/webhooks", Events.Json(new JsonObject
            { ["name"] = "matrix", ["url"] = "https://receiver.bank.example/hook", ["events"] = new JsonArray("opened") })), AdminOnly, Expect.Created),
        new("GET /api/v1/admin/webhooks/", _ => Get("/api/v1/admin/webhooks"), AdminOnly, Expect.Ok),
        new("GET /api/v1/admin/webhooks/{id:guid}", _ => Get($"/api/v1/admin/webhooks/{Guid.Empty}"), AdminOnly, Expect.NotFound),
        new("DELETE /api/v1/admin/webhooks/{id:guid}", _ => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/admin/webhooks/{Guid.Empty}"), AdminOnly, Expect.NotFound),
        new("GET /api/v1/admin/webhooks/dead-letters", t => Get($"/api/v1/admin/webhooks/dead-letters?region={t.Region}"), AdminOnly, Expect.Ok),
        new("POST /api/v1/admin/webhooks/dead-letters/{region}/{id:guid}/retry",
            t => Post($"/api/v1/admin/webhooks/dead-letters/{t.Region}/{Guid.Empty}/retry", null), AdminOnly, Expect.NotFound),
        // cases: handling (writes carry a stale If-Match, so an allowed caller gets 412 and the target case never changes)
        new("GET /api/v1/cases/", _ => Get("/api/v1/cases"), CasesReader, Expect.Ok),
        new("POST /api/v1/cases/", t => Post("/api/v1/cases", Events.Json(new JsonObject
            { ["region"] = t.Region, ["orgUnit"] = MatrixTarget.OrgUnit, ["caseType"] = "complaint", ["customerId"] = t.CustomerId })), CasesWriter, Expect.Created),
        new("GET /api/v1/cases/{region}/{caseId}", t => Get($"/api/v1/cases/{t.Region}/{t.CaseId}"), CasesReaderInScope, Expect.Ok),
        new("POST /api/v1/cases/{region}/{caseId}/transitions", t => Stale(Post($"/api/v1/cases/{t.Region}/{t.CaseId}/transitions",
            Events.Json(new JsonObject { ["to"] = "in-progress" }))), CasesWriter, Expect.PreconditionFailed),
        new("POST /api/v1/cases/{region}/{caseId}/assign", t => Stale(Post($"/api/v1/cases/{t.Region}/{t.CaseId}/assign",
            Events.Json(new JsonObject { ["assignee"] = null }))), CasesWriter, Expect.PreconditionFailed),
        new("POST /api/v1/cases/{region}/{caseId}/notes", t => Stale(Post($"/api/v1/cases/{t.Region}/{t.CaseId}/notes",
            Events.Json(new JsonObject { ["text"] = "matrix" }))), CasesWriter, Expect.PreconditionFailed),
        new("PUT /api/v1/cases/{region}/{caseId}/root-cause", t => Stale(Put($"/api/v1/cases/{t.Region}/{t.CaseId}/root-cause",
            new JsonObject { ["text"] = "matrix" })), CasesWriter, Expect.PreconditionFailed),
        // cases: calendars
        new("GET /api/v1/calendars/", _ => Get("/api/v1/calendars"), OrgUnitsRead, Expect.Ok),
        new("GET /api/v1/calendars/{region}", t => Get($"/api/v1/calendars/{t.Region}?year=2026"), OrgUnitsRead, Expect.Ok),
        new("GET /api/v1/calendars/{region}/business-time", t => Get($"/api/v1/calendars/{t.Region}/business-time?from=2026-03-02T09:00:00Z&add=1.5d"),
            OrgUnitsRead, Expect.Ok),
        // (writes carry a stale If-Match, as the case writes do: an allowed caller gets 412 and the calendar never changes)
        new("PUT /api/v1/calendars/{region}", t => Stale(Put($"/api/v1/calendars/{t.Region}", new JsonObject { ["timeZone"] = "Europe/Berlin" })), AdminOnly,
            Expect.PreconditionFailed),
        new("POST /api/v1/calendars/{region}/import", t => Stale(Post($"/api/v1/calendars/{t.Region}/import",
            new StringContent("date,kind,name\n2026-12-25,holiday,Christmas Day\n", Encoding.UTF8, "text/csv"))), AdminOnly, Expect.PreconditionFailed),
        // cases: webhooks update
        new("PATCH /api/v1/admin/webhooks/{id:guid}", _ => new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/admin/webhooks/{Guid.Empty}")
            { Content = Events.Json(new JsonObject { ["enabled"] = false }) }, AdminOnly, Expect.NotFound),
        // surveys: invitations (no survey is published in the matrix server: an allowed caller gets 404 and nothing is written)
        new("POST /api/v1/surveys/{surveyKey}/invitations", t => Post("/api/v1/surveys/matrix:none/invitations", Events.Json(new JsonObject
            { ["region"] = t.Region, ["customerId"] = t.CustomerId, ["orgUnit"] = MatrixTarget.OrgUnit })), CasesWriter, Expect.NotFound),
        new("GET /api/v1/surveys/invitations/{id:guid}", _ => Get($"/api/v1/surveys/invitations/{Guid.Empty}"), SurveyInvitationReader, Expect.NotFound),
        // surveys: distribution
        new("GET /api/v1/admin/surveys/outbox/dead-letters", t => Get($"/api/v1/admin/surveys/outbox/dead-letters?region={t.Region}"), AdminOnly, Expect.Ok),
        new("POST /api/v1/admin/surveys/outbox/dead-letters/{region}/{id:guid}/retry",
            t => Post($"/api/v1/admin/surveys/outbox/dead-letters/{t.Region}/{Guid.Empty}/retry", null), AdminOnly, Expect.NotFound),
        // surveys: responses (the target customer has no response: an allowed reader gets an empty list; by id, a made-up
        // response is 404 for whoever may read responses; a forged token is 404 for a channel client)
        new("GET /api/v1/surveys/responses/", t => Get($"/api/v1/surveys/responses?customerId={t.CustomerId}&region={t.Region}"), CustomerRead, Expect.Ok),
        new("GET /api/v1/surveys/responses/{responseId}", _ => Get("/api/v1/surveys/responses/0193a000-0000-7000-8000-000000000000"),
            SurveyResponseReader, Expect.NotFound),
        new("POST /api/v1/surveys/responses/", _ => Post("/api/v1/surveys/responses", Events.Json(new JsonObject
            { ["token"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", ["answers"] = new JsonObject { ["nps"] = 9 } })), Channel, Expect.NotFound),
        // surveys: respondent page (anonymous unit links; the survey does not exist, so an allowed caller gets 404 or an empty list)
        new("POST /api/v1/surveys/{surveyKey}/unit-links/", _ => Post("/api/v1/surveys/com.example.none:none/unit-links",
            Events.Json(new JsonObject { ["orgUnit"] = MatrixTarget.OrgUnit })), AdminOnly, Expect.NotFound),
        new("GET /api/v1/surveys/{surveyKey}/unit-links/", _ => Get("/api/v1/surveys/com.example.none:none/unit-links"), AdminOnly, Expect.Ok),
        new("DELETE /api/v1/surveys/{surveyKey}/unit-links/{id:guid}",
            _ => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/surveys/com.example.none:none/unit-links/{Guid.Empty}"), AdminOnly, Expect.NotFound),
        // surveys: definitions (no pack here, so no survey exists; each create makes its own draft; writes carry a stale If-Match)
        new("GET /api/v1/surveys/", _ => Get("/api/v1/surveys"), Aggregates, Expect.Ok),
        new("GET /api/v1/surveys/{key}", _ => Get("/api/v1/surveys/matrix-none"), Aggregates, Expect.NotFound),
        new("GET /api/v1/surveys/{key}/versions", _ => Get("/api/v1/surveys/matrix-none/versions"), Aggregates, Expect.NotFound),
        new("GET /api/v1/surveys/{key}/draft", _ => Get("/api/v1/surveys/matrix-none/draft"), AdminOnly, Expect.NotFound),
        new("POST /api/v1/surveys/", _ => Post("/api/v1/surveys", Events.Json(MatrixSurvey())), AdminOnly, Expect.Created),
        new("PUT /api/v1/surveys/{key}/draft", _ => Stale(Put("/api/v1/surveys/matrix-none/draft", MatrixSurvey())), AdminOnly, Expect.NotFound),
        new("POST /api/v1/surveys/{key}/publish", _ => Post("/api/v1/surveys/matrix-none/publish", null), AdminOnly, Expect.NotFound),
        new("DELETE /api/v1/surveys/{key}/draft", _ => Stale(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/surveys/matrix-none/draft")), AdminOnly, Expect.NotFound),
        // surveys: statistics
        new("GET /api/v1/surveys/{key}/statistics", _ => Get("/api/v1/surveys/matrix-none/statistics"), Aggregates, Expect.NotFound),
    ];

    // surveys: definitions. A survey of its own id per call (a second draft of one id would be a 409).
    private static JsonObject MatrixSurvey() => new()
    {
        ["id"] = "matrix-" + Guid.NewGuid().ToString("N")[..12],
        ["name"] = new JsonObject { ["en"] = "Matrix", ["zh"] = "矩阵" },
        ["trigger"] = new JsonObject { ["touchpoint"] = "branch-visit" },
        ["consentPurpose"] = "feedback-survey",
        ["questions"] = new JsonArray(new JsonObject
        {
            ["id"] = "nps", ["kind"] = "scale", ["text"] = new JsonObject { ["en"] = "Recommend?", ["zh"] = "推荐？" },
            ["scale"] = new JsonObject { ["scoreKey"] = "nps", ["minimum"] = 0, ["maximum"] = 10 },
        }),
    };

    // Who may call: the rules of the issue, written out independently of the server's policy code.
    private static bool Ingest(MatrixCaller c) => c.Kind == CallerKind.Channel && c.InScope;

    private static bool CustomerRead(MatrixCaller c) => c.IsRole(CemRoles.Agent, CemRoles.Compliance) && c.InScope;

    // Analysts read customers too, pseudonymised; never the identity lookup (it would re-identify pseudonyms).
    private static bool PseudonymousRead(MatrixCaller c) => c.IsRole(CemRoles.Agent, CemRoles.Compliance, CemRoles.Analyst) && c.InScope;

    private static bool OrgUnitsRead(MatrixCaller c) => c.IsRole(CemRoles.Admin, CemRoles.Analyst, CemRoles.Agent);

    private static bool AdminOnly(MatrixCaller c) => c.IsRole(CemRoles.Admin);

    // Aggregates identify no one: any analysing role, whatever its scope.
    private static bool Aggregates(MatrixCaller c) => c.IsRole(CemRoles.Admin, CemRoles.Analyst, CemRoles.Agent);

    private static bool AuditTrail(MatrixCaller c) => c.IsRole(CemRoles.Compliance, CemRoles.AuditorReadOnly);

    // Data-subject requests and legal holds: compliance only; filing one needs the subject's region in scope.
    private static bool Privacy(MatrixCaller c) => c.IsRole(CemRoles.Compliance);

    private static bool PrivacyInRegion(MatrixCaller c) => c.IsRole(CemRoles.Compliance) && c.RegionIn;
    // Data-subject requests: compliance, for a region in its scope (a DSAR is not limited to an org-unit subtree).
    private static bool SubjectExport(MatrixCaller c) => c.IsRole(CemRoles.Compliance) && c.RegionIn;

    // Cases: agents and admins within their org-unit subtree and region; analysts read (without customer fields).
    private static bool CasesReader(MatrixCaller c) => c.IsRole(CemRoles.Agent, CemRoles.Admin, CemRoles.Analyst);

    private static bool CasesReaderInScope(MatrixCaller c) => CasesReader(c) && c.InScope;

    private static bool CasesWriter(MatrixCaller c) => c.IsRole(CemRoles.Agent, CemRoles.Admin) && c.InScope;

    // Surveys: an invitation's status by id; an id that names nothing is 404 for every agent and admin (its scope is unknown).
    private static bool SurveyInvitationReader(MatrixCaller c) => c.IsRole(CemRoles.Agent, CemRoles.Admin);

    // Survey responses by id: the role and purpose decide before the look-up; the region and org-unit scope are checked on
    // the response found (a made-up id is 404 for every reader).
    private static bool SurveyResponseReader(MatrixCaller c) => c.IsRole(CemRoles.Agent, CemRoles.Compliance);

    // Answers by invitation token: any channel client (the token names the invitation; the client authenticates the integrator).
    private static bool Channel(MatrixCaller c) => c.Kind == CallerKind.Channel;

    private static HttpRequestMessage Stale(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("If-Match", "\"999\"");
        return request;
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage WithPurpose(HttpRequestMessage request, string purpose)
    {
        request.Headers.Add(CemPolicies.PurposeHeader, purpose);
        return request;
    }

    private static HttpRequestMessage Post(string url, HttpContent? content) => new(HttpMethod.Post, url) { Content = content };

    private static HttpRequestMessage Put(string url, JsonNode body) => new(HttpMethod.Put, url) { Content = Events.Json(body) };
}

/// <summary>What an allowed call answers (the target exists, so allowed calls succeed).</summary>
public enum Expect
{
    Ok,
    Accepted,
    AcceptedBatch,
    NotFound,
    Created,
    PreconditionFailed,
}

public sealed record MatrixEntry(string Endpoint, Func<MatrixTarget, HttpRequestMessage> Request, Func<MatrixCaller, bool> Allowed, Expect WhenAllowed);

/// <summary>The customer every customer-level call asks about: region eu-central, events at org unit north-01.</summary>
public sealed record MatrixTarget(string Region, string CustomerId, string Account, Events Events)
{
    public const string OrgUnit = "north-01";

    /// <summary>A case about the customer in org unit <see cref="OrgUnit"/>'s queue (cases: handling).</summary>
    public string CaseId { get; init; } = "";

    public JsonObject Event()
    {
        var e = Events.Feedback(region: Region, account: Account);
        e["orgUnit"] = OrgUnit;
        return e;
    }
}
