using CemOnPrem.Packs.Hosting;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Cases.Rules;

/// <summary>The active packs of the node's pack registry: a pack switched off stops opening cases at once.</summary>
internal sealed class RegistryCaseRulePacks(PackRegistry registry) : ICaseRulePacks
{
    public IReadOnlyList<PackContent> Active => [.. registry.ActivePacks.Select(pack => pack.Content)];
}
