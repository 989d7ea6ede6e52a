using System.Globalization;
using CemOnPrem.Contracts.Regions;

namespace CemOnPrem.Contracts.Journeys;

/// <summary>Composes and splits journey grain keys: <c>{region}/{customerId}/{templateId}/{instance}</c>.</summary>
public static class JourneyKey
{
    public static string Compose(string region, string customerId, string templateId, int instance) =>
        $"{RegionalKey.Compose(region, customerId)}/{templateId}/{instance.ToString(CultureInfo.InvariantCulture)}";

    public static (string Region, string CustomerId, string TemplateId, int Instance) Split(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split('/');
        if (parts.Length != 4 || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var instance))
        {
            throw new ArgumentException($"'{key}' is not a journey key ({{region}}/{{customerId}}/{{templateId}}/{{instance}}).", nameof(key));
        }

        return (parts[0], parts[1], parts[2], instance);
    }
}
