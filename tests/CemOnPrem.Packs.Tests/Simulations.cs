using CemOnPrem.Sdk.Engine.Journeys;
using CemOnPrem.Sdk.Testing;

namespace CemOnPrem.Packs.Tests;

/// <summary>Small readers of simulation results shared by the pack tests.</summary>
internal static class Simulations
{
    /// <summary>The single journey instance of one customer and template.</summary>
    public static JourneyInstance Journey(SimulationResult result, string customer, string template) =>
        result.Journeys.Single(j => j.CustomerKey == customer && j.Instance.TemplateId == template).Instance;
}
