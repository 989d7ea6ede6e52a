using System.Reflection;
using CemOnPrem.Contracts.Customers;
using Orleans;
using Orleans.CodeGeneration;
using Orleans.Runtime;

namespace CemOnPrem.Cluster.Tests.RollingUpgrade;

/// <summary>
/// What a rolling upgrade (v1 and v2 silos in one cluster) relies on, checked over every contract: grain interfaces
/// carry a version and stable aliases, serialized types carry stable aliases. See docs/operations.md.
/// </summary>
public sealed class ContractVersioningTests
{
    private static readonly Assembly Contracts = typeof(ICustomerGrain).Assembly;

    public static TheoryData<string> GrainInterfaces() =>
        [.. Contracts.GetTypes().Where(IsGrainInterface).Select(type => type.FullName!)];

    [Theory]
    [MemberData(nameof(GrainInterfaces))]
    public void Grain_interfaces_carry_a_version_and_aliases_on_every_method(string name)
    {
        var type = Contracts.GetType(name)!;

        Assert.NotNull(type.GetCustomAttribute<VersionAttribute>());
        Assert.False(string.IsNullOrEmpty(type.GetCustomAttribute<AliasAttribute>()?.Alias), $"{name} has no [Alias].");
        Assert.All(type.GetMethods(), method =>
            Assert.False(string.IsNullOrEmpty(method.GetCustomAttribute<AliasAttribute>()?.Alias), $"{name}.{method.Name} has no [Alias]."));
    }

    [Fact]
    public void Serialized_contract_types_carry_unique_aliases()
    {
        var serialized = Contracts.GetTypes().Where(type => type.GetCustomAttribute<GenerateSerializerAttribute>() is not null).ToList();

        Assert.NotEmpty(serialized);
        Assert.All(serialized, type => Assert.False(string.IsNullOrEmpty(type.GetCustomAttribute<AliasAttribute>()?.Alias), $"{type.FullName} has no [Alias]."));
        var aliases = Contracts.GetTypes().Where(IsOurs).Select(type => type.GetCustomAttribute<AliasAttribute>()?.Alias).OfType<string>().ToList();
        Assert.Empty(aliases.GroupBy(alias => alias, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key));
    }

    // Generated code (proxies, invokers, codecs) repeats the aliases of the types it serves.
    private static bool IsOurs(Type type) => type.Namespace?.StartsWith("CemOnPrem.", StringComparison.Ordinal) == true;

    private static bool IsGrainInterface(Type type) => type.IsInterface && typeof(IAddressable).IsAssignableFrom(type) && type.Assembly == Contracts;
}
