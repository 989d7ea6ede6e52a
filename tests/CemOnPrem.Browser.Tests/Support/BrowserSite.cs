using CemOnPrem.Server.Tests.Surveys.Respondent;
using CemOnPrem.Testing.Postgres;
using Microsoft.Playwright;

namespace CemOnPrem.Browser.Tests.Support;

/// <summary>
/// The respondent site on a loopback port and Debian's chromium driven by Playwright. Playwright never downloads a
/// browser here: a missing /usr/bin/chromium fails the tests (./cem test installs it), it does not skip them.
/// </summary>
public sealed class BrowserSite(PostgresServer postgres) : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private RespondentSite? _site;

    public RespondentSite Site => _site ?? throw new InvalidOperationException("Not initialised.");

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots are kept (a test artefact).</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: run ./cem test (it installs chromium and fonts-noto-cjk) or apt-get install -y chromium fonts-noto-cjk.");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Directory.CreateDirectory(Screenshots);
        _site = await RespondentSite.StartAsync(postgres, kestrel: true, (databases, settings) => new BrowserServerFactory(databases, settings));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Chromium's sandbox refuses to run as root (CI containers); as any other user it stays on.
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }

    /// <summary>A fresh phone-sized browser context (its own cookies), with or without JavaScript.</summary>
    public Task<IBrowserContext> PhoneAsync(bool javaScript, string locale) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        JavaScriptEnabled = javaScript,
        Locale = locale,
    });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }
}
