using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Server.Tests.Surveys.Respondent;

/// <summary>A respondent site with low visit limits (3 per address, 5 per link), the bank's name and logo, and an admin client.</summary>
public sealed class UnitLinkFixture(PostgresServer postgres) : IAsyncLifetime
{
    public const int PerSource = 3;
    public const int PerUnit = 5;
    public const string BankName = "Acme <Bank> 银行";
    public const string Logo = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
    private RespondentSite? _site;

    public RespondentSite Site => _site ?? throw new InvalidOperationException("Not initialised.");

    public HttpClient Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var logo = Path.Combine(Directory.CreateTempSubdirectory("cem-logo-").FullName, "logo.svg");
        await File.WriteAllTextAsync(logo, Logo);
        _site = await RespondentSite.StartAsync(postgres, kestrel: false, (databases, settings) => new CemServerFactory(databases, settings), new Dictionary<string, string?>
        {
            ["Cem:Surveys:UnitLinks:PerSource:PermitLimit"] = PerSource.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cem:Surveys:UnitLinks:PerSource:WindowSeconds"] = "3600",
            ["Cem:Surveys:UnitLinks:PerUnit:PermitLimit"] = PerUnit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cem:Surveys:UnitLinks:PerUnit:WindowSeconds"] = "3600",
            ["Cem:Surveys:Branding:Name"] = BankName,
            ["Cem:Surveys:Branding:LogoPath"] = logo,
        });
        Admin = await ((CemServerFactory)Site.Site).CreateTrustedClientAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }
}
