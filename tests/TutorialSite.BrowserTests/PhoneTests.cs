namespace TutorialSite.BrowserTests;

/// <summary>A 375 px wide phone: nothing scrolls sideways and the navigation works by touch.</summary>
[Collection(SiteCollection.Name)]
public sealed class PhoneTests(SiteFixture fixture)
{
    [Fact]
    public async Task NoPage_ScrollsSideways()
    {
        await using var context = await fixture.NewContextAsync(Device.Phone);
        var page = await context.NewPageAsync();
        // With progress, so the completion meters are on the pages too.
        await page.GotoAsync(SitePages.Tutorial);
        await page.Locator("#tick-git-init").CheckAsync();
        await Expect(TickTests.Status(page, "git-init")).ToHaveTextAsync("Saved: ticked");

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
        await using var context = await fixture.NewContextAsync(Device.Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(SitePages.Tutorial);
        var scrollable = page.Locator("main pre[tabindex='0']");
        await Expect(scrollable).Not.ToHaveCountAsync(0);

        await KeyboardTests.TabToAsync(page, "main pre[tabindex='0']");
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
        await using var context = await fixture.NewContextAsync(Device.Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(SitePages.Tutorial);
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
        await Expect(page).ToHaveURLAsync(fixture.Site.Address + "courses");
        await page.GetByRole(AriaRole.Link, new() { Name = "Docker" }).TapAsync();
        await Expect(page).ToHaveURLAsync(fixture.Site.Address + "docker");

        await menu.TapAsync();
        await page.Locator(".site-menu-list").GetByRole(AriaRole.Link, new() { Name = "My progress" }).TapAsync();
        await Expect(page).ToHaveURLAsync(fixture.Site.Address + "progress");
    }
}
