using System.Text.Json;
using CemOnPrem.Packs.Hosting;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Server.Packs;

/// <summary>One pack as the API shows it; enum values in kebab-case like the pack files.</summary>
public sealed record PackResponse(
    string Id,
    string? Version,
    string? Name,
    string? Description,
    string? Publisher,
    string? SdkVersion,
    string Folder,
    string Status,
    string? StatusReason,
    bool Active,
    bool Enabled,
    DateTimeOffset? EnabledChangedAt,
    PackSignatureResponse Signature,
    IReadOnlyList<PackDependency> Dependencies,
    IReadOnlyList<string> DataCategories,
    IReadOnlyList<string> ConsentPurposes,
    string? EntryAssembly,
    PackContributions Contributes)
{
    public static PackResponse From(PackInfo pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var manifest = pack.Manifest;
        return new(
            pack.Id, manifest?.Version, manifest?.Name, manifest?.Description, manifest?.Publisher, manifest?.SdkVersion, pack.Folder,
            Kebab(pack.Status.ToString()), pack.StatusReason, pack.Active, pack.Enabled, pack.EnabledChangedAt,
            new PackSignatureResponse(Kebab(pack.Signature.State.ToString()), pack.Signature.Reason, pack.Signature.Publisher, pack.Signature.KeyId),
            manifest?.Dependencies ?? [], manifest?.DataCategories ?? [], manifest?.ConsentPurposes ?? [], manifest?.EntryAssembly,
            pack.Contributes);
    }

    private static string Kebab(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}

public sealed record PackSignatureResponse(string State, string? Reason, string? Publisher, string? KeyId);
