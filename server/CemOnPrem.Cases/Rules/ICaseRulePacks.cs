using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Cases.Rules;

/// <summary>The content of the packs whose rules run now (the pack registry's active packs).</summary>
public interface ICaseRulePacks
{
    IReadOnlyList<PackContent> Active { get; }
}
