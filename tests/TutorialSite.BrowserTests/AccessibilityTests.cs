namespace TutorialSite.BrowserTests;

/// <summary>axe-core on every page type, light and dark, desktop and phone, with and without JavaScript.</summary>
public sealed class AccessibilityTests(SiteFixture fixture) : OnSharedSite(fixture)
{
    public static TheoryData<Device, ColorScheme> Variants => new()
    {
        { Device.Desktop, ColorScheme.Light },
        { Device.Desktop, ColorScheme.Dark },
        { Device.Phone, ColorScheme.Light },
        { Device.Phone, ColorScheme.Dark },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task EveryPageType_HasNoAxeViolations(Device device, ColorScheme colorScheme)
    {
        // A learner with progress, so completion meters, the reset form and saved states are on the pages.
        var page = await OpenAsync(SitePages.Tutorial, device, colorScheme);
        await page.TickAsync("git-init");

        var problems = await AuditAllPagesAsync(page);

        Assert.True(problems.Count == 0, $"axe ({device}, {colorScheme}):\n{string.Join("\n", problems)}");
    }

    [Fact]
    public async Task EveryPageType_WithoutTheSiteScript_HasNoAxeViolations()
    {
        // axe itself is a script, so the no-script pages are audited with the site's own script blocked:
        // the same markup a browser without JavaScript gets (Save buttons shown, no theme picker).
        var page = await OpenAsync(SitePages.Tutorial, prepare: context => context.RouteAsync("**/js/site.*", route => route.AbortAsync()));
        await page.Locator("#tick-git-init").CheckAsync();
        await page.Locator("#item-git-init").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        // A first tick from the shared page is confirmed once, on a page of its own: audit that page too.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Save your progress?" })).ToBeVisibleAsync();
        var problems = new List<string>(await Axe.ViolationsAsync(page, "confirm-tick"));
        await page.Locator("form[data-confirm-tick]").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#tick-git-init")).ToBeCheckedAsync();

        problems.AddRange(await AuditAllPagesAsync(page));

        Assert.True(problems.Count == 0, $"axe (no site script):\n{string.Join("\n", problems)}");
    }

    private static async Task<List<string>> AuditAllPagesAsync(IPage page)
    {
        var problems = new List<string>();
        foreach (var (name, path) in SitePages.Named)
        {
            await page.GotoAsync(path);
            // Audit what is folded away too: FAQ answers, the outline and contents, the reset confirmation. Not the
            // phone's Menu: it drops down over the page, covering whatever controls lie below it; it is audited
            // open on its own below.
            await page.EvaluateAsync("() => document.querySelectorAll('details:not(.site-menu)').forEach(d => d.open = true)");
            problems.AddRange(await Axe.ViolationsAsync(page, name));
        }
        await page.GotoAsync(SitePages.Home);
        await page.EvaluateAsync("() => document.querySelector('details.site-menu').open = true");
        problems.AddRange(await Axe.ViolationsAsync(page, "home with the Menu open"));
        return problems;
    }
}
