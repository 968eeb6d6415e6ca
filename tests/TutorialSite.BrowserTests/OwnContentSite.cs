namespace TutorialSite.BrowserTests;

/// <summary>
/// A site of the test class's own, on content it writes (not the shared sample site), and a browser: started once
/// for the class, stopped and deleted after it.
/// </summary>
public abstract class OwnContentSite : IAsyncLifetime, IAsyncDisposable
{
    private IPlaywright playwright = null!;

    protected OwnContentSite() => Work = Path.Combine(Path.GetTempPath(), $"tutorialsite-{GetType().Name}-{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>The site's folder: its content (<see cref="ContentFolder"/>) and its SQLite file.</summary>
    protected string Work { get; }

    protected string ContentFolder => Path.Combine(Work, "content");

    protected SiteProcess Site { get; private set; } = null!;

    protected IBrowser Browser { get; private set; } = null!;

    /// <summary>Writes the content the site serves into <see cref="ContentFolder"/>.</summary>
    protected abstract void WriteContent();

    public async Task InitializeAsync()
    {
        WriteContent();
        Site = new SiteProcess(SiteProcess.PublishedOutput, Path.Combine(Work, "progress.db"), ContentFolder);
        await Site.StartAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.RequirePath(), Args = Chromium.Args });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright.Dispose();
        await Site.DisposeAsync();
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
