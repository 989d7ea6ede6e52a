using CemOnPrem.Packs.Hosting;
using CemOnPrem.Packs.Hosting.Loading;
using CemOnPrem.Packs.Hosting.State;
using CemOnPrem.Sdk.Surveys;
using Microsoft.Extensions.Logging.Abstractions;

namespace CemOnPrem.Surveys.Tests.Definitions;

/// <summary>Surveys for the definition tests, and a pack registry with no pack loaded (admin-made surveys only).</summary>
internal static class TestSurveys
{
    public static readonly Dictionary<string, string> Texts = new() { ["en"] = "Text", ["zh"] = "文本" };

    public static string Key() => "s-" + Guid.NewGuid().ToString("N")[..10];

    public static SurveyTemplate Survey(string id, string question = "nps") => new()
    {
        Id = id,
        Name = Texts,
        ConsentPurpose = "feedback-survey",
        Trigger = new SurveyTrigger { Touchpoint = "teller" },
        Questions = [new SurveyQuestion { Id = question, Kind = QuestionKind.Scale, Text = Texts, Scale = new ScaleSpec { ScoreKey = "nps", Minimum = 0, Maximum = 10 } }],
    };

    public static PackRegistry EmptyRegistry() =>
        new(new PackHostOptions(), new InMemoryPackStateStore(), NullLogger<PackRegistry>.Instance, new McMasterPackAssemblyLoader(), TimeProvider.System);
}
