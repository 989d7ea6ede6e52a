using System.Text.Json.Nodes;
using CemOnPrem.Packs.Hosting.Signing;

namespace CemOnPrem.Server.Tests.Surveys.Respondent;

/// <summary>
/// A signed pack whose survey has the question kinds the pack rules of this branch accept: an NPS scale that decides
/// whether "why" shows (so the page breaks after it), a question shown by an attribute, a required CSAT scale, a single
/// choice whose "other" asks for text, and free text. (Matrix questions are rendered by the page and tested in
/// <see cref="RespondentMatrixTests"/>; the pack rules accept them once the definitions part is merged.)
/// </summary>
public static class RespondentSurveyPack
{
    public const string PackId = "com.acme.respondent";
    public const string SurveyId = "visit";
    public const string Key = PackId + ":" + SurveyId;
    public const string Version = "1.0.0";
    public const string Publisher = "acme";

    public static JsonObject Texts(string en, string zh) => new() { ["en"] = en, ["zh"] = zh };

    /// <summary>Writes and signs the pack under <paramref name="packs"/>; returns the settings that trust it.</summary>
    public static Dictionary<string, string?> Write(string packs)
    {
        using var key = PublisherKeys.Generate();
        var path = Path.Combine(packs, "respondent");
        Directory.CreateDirectory(Path.Combine(path, "surveys"));
        File.WriteAllText(Path.Combine(path, "pack.json"), new JsonObject
        {
            ["id"] = PackId, ["version"] = Version, ["publisher"] = Publisher, ["name"] = "Acme respondent", ["sdkVersion"] = "[0.1.0,0.2.0)",
        }.ToJsonString());
        File.WriteAllText(Path.Combine(path, "surveys", SurveyId + ".json"), Survey().ToJsonString());
        PackSigning.Sign(path, key, Publisher);
        return new()
        {
            ["Cem:Packs:Directory"] = packs,
            [$"Cem:Packs:TrustedPublishers:{Publisher}:PublicKey"] = key.ExportSubjectPublicKeyInfoPem(),
        };
    }

    private static JsonObject Scale(string scoreKey, int minimum, int maximum) => new()
    {
        ["scoreKey"] = scoreKey, ["minimum"] = minimum, ["maximum"] = maximum,
        ["minimumLabel"] = Texts("Not at all likely", "完全不可能"), ["maximumLabel"] = Texts("Extremely likely", "非常可能"),
    };

    private static JsonObject Choice(string id, string en, string zh, bool asksForText = false) =>
        new() { ["id"] = id, ["text"] = Texts(en, zh), ["asksForText"] = asksForText };

    private static JsonObject Survey() => new()
    {
        ["id"] = SurveyId,
        ["name"] = Texts("After your visit", "到访回访"),
        ["trigger"] = new JsonObject { ["touchpoint"] = "branch-visit", ["delay"] = "PT1H" },
        ["consentPurpose"] = "feedback-survey",
        ["questions"] = new JsonArray(
            new JsonObject { ["id"] = "nps", ["kind"] = "scale", ["required"] = true, ["text"] = Texts("Would you recommend us?", "您会推荐我们吗？"), ["scale"] = Scale("nps", 0, 10) },
            new JsonObject
            {
                ["id"] = "why", ["kind"] = "choice", ["multipleAnswers"] = true, ["text"] = Texts("What disappointed you?", "哪些方面让您不满意？"),
                ["showIf"] = new JsonObject { ["answer"] = "nps", ["operator"] = "less-or-equal", ["values"] = new JsonArray("6") },
                ["choices"] = new JsonArray(Choice("wait", "Waiting time", "等候时间"), Choice("staff", "Staff", "员工"), Choice("other", "Something else", "其他", asksForText: true)),
            },
            new JsonObject
            {
                ["id"] = "advisor", ["kind"] = "scale", ["text"] = Texts("Your advisor?", "您的顾问？"), ["scale"] = Scale("advisor", 1, 5),
                ["showIf"] = new JsonObject { ["attribute"] = "desk", ["operator"] = "equal", ["values"] = new JsonArray("advisor") },
            },
            new JsonObject
            {
                ["id"] = "csat", ["kind"] = "scale", ["required"] = true, ["text"] = Texts("How satisfied were you?", "您满意吗？"),
                ["scale"] = new JsonObject { ["scoreKey"] = "csat", ["minimum"] = 1, ["maximum"] = 5 },
            },
            new JsonObject
            {
                ["id"] = "channel", ["kind"] = "choice", ["text"] = Texts("How did you book?", "您如何预约？"),
                ["choices"] = new JsonArray(Choice("branch", "At the branch", "网点"), Choice("app", "In the app", "手机银行"), Choice("other", "Otherwise", "其他", asksForText: true)),
            },
            new JsonObject { ["id"] = "comment", ["kind"] = "text", ["text"] = Texts("Anything else?", "还有其他意见吗？") }),
    };
}
