using CemOnPrem.Sdk.Packs;
using CemOnPrem.Sdk.Rules;

namespace CemOnPrem.Cases.Rules;

/// <summary>One rule of an active pack, with the pack it belongs to (its journeys are the rule's templates).</summary>
public sealed record PackRule(PackContent Pack, CaseRule Rule)
{
    public string PackId => Pack.Manifest.Id;

    /// <summary><c>{pack}/{rule}</c>: the name used by <c>Cem:Cases:Rules:Disabled</c> and at the start of origin keys.</summary>
    public string Name => $"{PackId}/{Rule.Id}";
}
