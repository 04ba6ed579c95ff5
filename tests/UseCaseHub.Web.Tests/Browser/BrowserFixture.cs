using Microsoft.Playwright;

namespace UseCaseHub.Web.Tests.Browser;

/// <summary>
/// The host on a real loopback port and Debian's chromium driven by Playwright (never a downloaded
/// browser: tests/run.sh installs the chromium package).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly HubFactory _factory;

    public BrowserFixture()
        : this(new HubFactory())
    {
    }

    /// <summary>A fixture over another host (e.g. one with the demo accounts, for pages behind sign-in).</summary>
    protected BrowserFixture(HubFactory factory)
    {
        _factory = factory;
    }
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseAddress { get; private set; } = "";

    /// <summary>The host's services, for a test that prepares the store as an operator would.</summary>
    public IServiceProvider Services => _factory.Services;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run the tests with tests/run.sh, which installs Debian's chromium.");
        }

        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new() { JavaScriptEnabled = javaScript, BaseURL = BaseAddress });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }
}
