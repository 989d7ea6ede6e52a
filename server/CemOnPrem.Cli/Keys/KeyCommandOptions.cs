using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace CemOnPrem.Cli.Keys;

/// <summary>
/// Where the keys and databases are: options, else the server's own settings from the environment
/// (<c>CEM__REGIONS__{region}__CONNECTIONSTRING</c>, <c>CEM__CONTROLDATABASE__CONNECTIONSTRING</c>,
/// <c>CEM__PRIVACY__KEYDIRECTORY</c> or <c>CEM__DATADIRECTORY</c>), which keeps passwords out of the process list.
/// </summary>
internal sealed class KeyCommandOptions
{
    private readonly Option<string> _region = new("--region") { Description = "The residency region.", Required = true };
    private readonly Option<string?> _regionDb = new("--region-db") { Description = "The region database's connection string (default: CEM__REGIONS__{region}__CONNECTIONSTRING)." };
    private readonly Option<string?> _controlDb = new("--control-db") { Description = "The control database (audit trail) (default: CEM__CONTROLDATABASE__CONNECTIONSTRING)." };
    private readonly Option<string?> _keyDir = new("--key-dir") { Description = "The file key provider's folder (default: CEM__PRIVACY__KEYDIRECTORY, else {CEM__DATADIRECTORY}/keys). Must be the server's." };

    public void AddTo(Command command)
    {
        command.Add(_region);
        command.Add(_regionDb);
        command.Add(_controlDb);
        command.Add(_keyDir);
    }

    public Settings Read(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var region = parse.GetValue(_region)!;
        var keyDir = parse.GetValue(_keyDir) ?? configuration["Cem:Privacy:KeyDirectory"];
        if (string.IsNullOrWhiteSpace(keyDir))
        {
            keyDir = Path.Combine(configuration["Cem:DataDirectory"] ?? ".data", "keys");
        }

        return new Settings(
            region,
            parse.GetValue(_regionDb) ?? configuration[$"Cem:Regions:{region}:ConnectionString"],
            parse.GetValue(_controlDb) ?? configuration["Cem:ControlDatabase:ConnectionString"],
            keyDir);
    }

    public sealed record Settings(string Region, string? RegionDb, string? ControlDb, string KeyDirectory);
}
