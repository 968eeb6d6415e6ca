namespace TutorialSite.BrowserTests;

/// <summary>
/// The hostile-content corpus (tests/TutorialSite.Tests/Content/Hostile) served for real and opened in
/// Chromium: no dialog opens, no element has an event-handler attribute, no link or image has a scripting
/// URL, and clicking every link in the lesson runs nothing.
/// </summary>
public sealed class HostileContentTests : OwnContentSite
{
    protected override void WriteContent()
    {
        var course = Directory.CreateDirectory(Path.Combine(ContentFolder, "hostile")).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests", "TutorialSite.Tests", "Content", "Hostile")))
        {
            File.Copy(file, Path.Combine(course, Path.GetFileName(file)));
        }
    }

    [Theory]
    [InlineData("/hostile/raw-html")]
    [InlineData("/hostile/scripting-links")]
    [InlineData("/hostile/attributes")]
    [InlineData("/hostile/owasp-vectors")]
    [InlineData("/hostile/mutation-xss")]
    [InlineData("/hostile/malformed-tags")]
    public async Task HostilePage_RunsNothing(string path)
    {
        await using var context = await Browser.NewContextAsync(new() { BaseURL = Site.Address.ToString() });
        // Anything the content tried that the Content-Security-Policy had to stop (an inline script, style or
        // handler) would be a violation: there must be none, because the cleaning left nothing to stop.
        // (Images from other hosts are blocked by img-src 'self' as designed; those are not attempts to run anything.)
        await context.AddInitScriptAsync("window.__violations = []; document.addEventListener('securitypolicyviolation', e => { if (!e.violatedDirective.startsWith('img-src')) window.__violations.push(e.violatedDirective + ' ' + e.blockedURI); });");
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
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
        Assert.Empty(handlers);
        Assert.Empty(scriptingUrls);
        Assert.Empty(foreignScripts);
    }

    [Fact]
    public async Task MalformedTags_CannotReachThePageAroundThem()
    {
        await using var context = await Browser.NewContextAsync(new() { BaseURL = Site.Address.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/hostile/malformed-tags");

        // Stray closing tags and unclosed elements in the lesson, an item and an answer: the checklist, its forms,
        // the FAQ and the footer are where the page put them, and ticking still works.
        Assert.Equal(["unclosed-item", "open-div", "span-item"], await page.Locator("#key-takeaways ~ ul .checklist-item input[name=key]").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)"));
        Assert.Equal(2, await page.Locator("details.faq-item").CountAsync());
        Assert.Equal(1, await page.Locator("h2#key-takeaways").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('footer')?.parentElement === document.body"));
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('form.tick-form')].every(f => f.closest('main') !== null && f.closest('.tutorial-body') === null)"));
        await page.TickAsync("open-div");
        await page.ReloadAsync();
        Assert.True(await page.Locator("#tick-open-div").IsCheckedAsync());
    }

    [Theory]
    [InlineData(375, 800)]
    [InlineData(1280, 800)]
    public async Task WideImagesAndTables_FitTheScreen(int width, int height)
    {
        await using var context = await Browser.NewContextAsync(new() { BaseURL = Site.Address.ToString(), ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/hostile/wide-content");
        await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)");

        Assert.InRange(await page.EvaluateAsync<int>("() => [...document.querySelectorAll('main img')].filter(i => i.naturalWidth === 3000).length"), 3, 4);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('main img')].every(i => i.getBoundingClientRect().right <= document.documentElement.clientWidth)"), "an image is wider than the screen");
    }
}
