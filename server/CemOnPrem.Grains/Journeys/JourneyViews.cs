using System.Text.Json;
using CemOnPrem.Contracts.Journeys;
using CemOnPrem.Analytics.Journeys;

namespace CemOnPrem.Grains.Journeys;

/// <summary>Stored journey rows as the views grains return.</summary>
public static class JourneyViews
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static JourneyView From(JourneyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.TemplateId, row.Instance, row.Status, row.CurrentStage, row.StartedAt, row.EndedAt,
            JsonSerializer.Deserialize<List<JourneyStageView>>(row.StagesJson, Web) ?? []);
    }
}
