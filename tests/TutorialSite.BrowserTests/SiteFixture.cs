namespace TutorialSite.BrowserTests;

/// <summary>
/// One running site and one Chromium for the whole collection: starting them costs seconds. Each test makes
/// its own browser context, i.e. its own learner (cookies) and its own local storage.
/// </summary>
public sealed class SiteFixture : IAsyncLifetime, IAsyncDisposable
{
    private IPlaywright? playwright;
    private IBrowser? browser;
    private SiteProcess? site;

    public SiteProcess Site => site ?? throw new InvalidOperationException("Not initialized.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>
    /// A scratch folder for this run, deleted at the end: the database, Chromium's profiles, Lighthouse's
    /// profile. Short, because Chromium puts a Unix socket in it (108 bytes at most).
    /// </summary>
    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "tutorialsite-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        // Chromium and the Playwright driver write their temporary profiles here, not all over /tmp.
        Environment.SetEnvironmentVariable("TMPDIR", WorkDirectory);

        site = new SiteProcess(SiteProcess.PublishedOutput, Path.Combine(WorkDirectory, "progress.db"));
        await site.StartAsync();

        // The machine is small and shared: give the page time to answer before an expectation fails.
        SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.RequirePath(),
            Args = Chromium.Args,
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
            browser = null;
        }
        playwright?.Dispose();
        playwright = null;
        if (site is not null)
        {
            await site.DisposeAsync();
            site = null;
        }
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A straggling Chromium child may still hold a file: the folder is git-ignored anyway.
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    /// <summary>A fresh learner in a fresh browser window of the given kind.</summary>
    public Task<IBrowserContext> NewContextAsync(Device device = Device.Desktop, ColorScheme colorScheme = ColorScheme.Light, bool javaScript = true) =>
        device == Device.Phone
            ? NewContextAsync(new ViewportSize { Width = 375, Height = 740 }, colorScheme, javaScript, deviceScaleFactor: 2)
            : NewContextAsync(new ViewportSize { Width = 1280, Height = 860 }, colorScheme, javaScript, deviceScaleFactor: 1);

    /// <summary>A fresh learner in a window of <paramref name="viewport"/>'s size: a touch screen below 768 px, as phones and small tablets are.</summary>
    public Task<IBrowserContext> NewContextAsync(ViewportSize viewport, ColorScheme colorScheme = ColorScheme.Light, bool javaScript = true, float? deviceScaleFactor = null) =>
        Browser.NewContextAsync(new()
        {
            BaseURL = Site.Address.ToString(),
            ColorScheme = colorScheme,
            JavaScriptEnabled = javaScript,
            ViewportSize = viewport,
            IsMobile = viewport.Width < 768,
            HasTouch = viewport.Width < 768,
            DeviceScaleFactor = deviceScaleFactor,
        });
}

public enum Device
{
    Desktop,
    Phone,
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "Site and browser";
}
