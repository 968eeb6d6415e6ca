namespace TutorialSite.BrowserTests;

/// <summary>
/// The hostile-content corpus (tests/TutorialSite.Tests/Content/Hostile) served for real and opened in
/// Chromium: no dialog opens, no element has an event-handler attribute, no link or image has a scripting
/// URL, and clicking every link in the lesson runs nothing.
/// </summary>
public sealed class HostileContentTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly string work = Path.Combine(Path.GetTempPath(), "tutorialsite-hostile-" + Guid.NewGuid().ToString("N")[..8]);
    private SiteProcess site = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        var course = Directory.CreateDirectory(Path.Combine(work, "content", "hostile")).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests", "TutorialSite.Tests", "Content", "Hostile")))
        {
            File.Copy(file, Path.Combine(course, Path.GetFileName(file)));
        }
        site = new SiteProcess(work, Path.Combine(work, "content"));
        await site.StartAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.RequirePath(), Args = Chromium.Args });
    }

    public async Task DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
        await site.DisposeAsync();
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    [Theory]
    [InlineData("/hostile/raw-html")]
    [InlineData("/hostile/scripting-links")]
    [InlineData("/hostile/attributes")]
    public async Task HostilePage_RunsNothing(string path)
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = site.BaseUrl.ToString() });
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };

        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);

        var handlers = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => `${e.tagName} ${a.name}`))
            """);
        var scriptingUrls = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[href],[src],[action],[formaction],[data]')]
                .flatMap(e => ['href', 'src', 'action', 'formaction', 'data'].map(n => e.getAttribute(n)).filter(Boolean))
                .filter(u => /^\s*(javascript|vbscript|data):/i.test(u.replace(/[\u0000-\u001f]/g, '')))
            """);
        var foreignScripts = await page.EvaluateAsync<string[]>("""
            () => [...document.scripts].filter(s => s.type !== 'application/ld+json' && (!s.src || !new URL(s.src).pathname.startsWith('/js/'))).map(s => s.outerHTML.slice(0, 80))
            """);
        // Every link the renderer left on the page that stays on this machine (no internet here): a neutralized
        // scripting link is "#", so clicking it must run nothing.
        var links = await page.Locator(".tutorial-body a, .tutorial-section a").EvaluateAllAsync<string[]>(
            "links => links.map(a => a.getAttribute('href') ?? '')");
        for (var i = 0; i < links.Length; i++)
        {
            if (links[i].StartsWith("http", StringComparison.OrdinalIgnoreCase) || links[i].StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            if (!page.Url.EndsWith(path, StringComparison.Ordinal) && !page.Url.Contains(path + "#", StringComparison.Ordinal))
            {
                await page.GotoAsync(path);
            }
            await page.Locator(".tutorial-body a, .tutorial-section a").Nth(i).ClickAsync(new() { Timeout = 5_000 });
        }
        await page.WaitForTimeoutAsync(500);

        // The hostile text also reaches the JSON-LD (titles, FAQ): it must stay data there.
        Assert.All(await page.Locator("script[type='application/ld+json']").AllTextContentsAsync(), json => System.Text.Json.JsonDocument.Parse(json).Dispose());
        Assert.Empty(dialogs);
        Assert.Empty(handlers);
        Assert.Empty(scriptingUrls);
        Assert.Empty(foreignScripts);
    }
}
