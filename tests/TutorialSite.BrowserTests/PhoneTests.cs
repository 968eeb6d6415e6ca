namespace TutorialSite.BrowserTests;

/// <summary>A 375 px wide phone: nothing scrolls sideways and the navigation works by touch.</summary>
public sealed class PhoneTests(SiteFixture fixture) : OnSharedSite(fixture)
{
    [Fact]
    public async Task NoPage_ScrollsSideways()
    {
        // With progress, so the completion meters are on the pages too.
        var page = await OpenAsync(SitePages.Tutorial, Device.Phone);
        await page.TickAsync("git-init");

        var wide = new List<string>();
        foreach (var (name, path) in SitePages.Named)
        {
            await page.GotoAsync(path);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 375)
            {
                wide.Add($"{name}: {width} px");
            }
        }

        Assert.True(wide.Count == 0, "Wider than the 375 px screen: " + string.Join(", ", wide));
    }

    [Fact]
    public async Task WideCodeBlocks_ScrollInsideThemselves_AndTheKeyboardCanScrollThem()
    {
        var page = await OpenAsync(SitePages.Tutorial, Device.Phone);
        var scrollable = page.Locator("main pre[tabindex='0']");
        await Expect(scrollable).Not.ToHaveCountAsync(0);

        await page.TabToAsync("main pre[tabindex='0']");
        for (var i = 0; i < 5; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        // Keyboard scrolling is animated: wait for it.
        await page.WaitForFunctionAsync("() => document.activeElement.matches('pre') && document.activeElement.scrollLeft > 0", null, new() { Timeout = 5_000 });
    }

    [Fact]
    public async Task Navigation_IsUsableByTouch()
    {
        var page = await OpenAsync(SitePages.Tutorial, Device.Phone);
        var menu = page.Locator(".site-menu summary");
        foreach (var control in new[] { page.Locator(".brand"), page.GetByRole(AriaRole.Link, new() { Name = "Search", Exact = true }), page.Locator("#theme"), menu })
        {
            var box = await control.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 375, $"{control} is off screen: x {box.X}, width {box.Width}");
            Assert.True(box.Height >= 24, $"{control} is a small target: {box.Height} px high");
        }

        await menu.TapAsync();
        await page.Locator(".site-menu-list").GetByRole(AriaRole.Link, new() { Name = "Courses" }).TapAsync();
        await Expect(page).ToHaveURLAsync(Site.Address + "courses");
        await page.GetByRole(AriaRole.Link, new() { Name = "Docker" }).TapAsync();
        await Expect(page).ToHaveURLAsync(Site.Address + "docker");

        await menu.TapAsync();
        await page.Locator(".site-menu-list").GetByRole(AriaRole.Link, new() { Name = "My progress" }).TapAsync();
        await Expect(page).ToHaveURLAsync(Site.Address + "progress");
    }
}
