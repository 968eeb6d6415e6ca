namespace TutorialSite.BrowserTests;

/// <summary>
/// The pages as assistive technology presents them: found by role and accessible name only, the way a
/// screen-reader user moves through them, with the outcome of every tick announced.
/// </summary>
public sealed class ScreenReaderTests(SiteFixture fixture) : OnSharedSite(fixture)
{
    [Fact]
    public async Task Tutorial_HasLandmarksHeadingsAndNamedControls_AndATickIsAnnounced()
    {
        var page = await OpenAsync(SitePages.Tutorial);

        await Expect(page.GetByRole(AriaRole.Banner)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Contentinfo)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your First Repository");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Key Takeaways" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Colour theme" })).ToHaveCountAsync(1);

        var box = page.GetByRole(AriaRole.Checkbox, new() { Name = "I can turn an existing folder into a repository with git init." });
        await box.CheckAsync();

        var item = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = box });
        await Expect(item.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved: ticked");
        var meter = page.GetByRole(AriaRole.Progressbar, new() { Name = "1 of 8 checked off" });
        await Expect(meter).ToHaveAttributeAsync("value", "1");
    }

    [Fact]
    public async Task CompletionMeters_AreReadAsText_NotAsUnnamedProgressBars()
    {
        var page = await OpenAsync(SitePages.Tutorial);
        await page.TickAsync("git-init");

        foreach (var path in new[] { SitePages.Home, SitePages.Course, SitePages.Progress })
        {
            await page.GotoAsync(path);
            // The bars are decoration beside their "1 of 8 done" text, hidden from the accessibility tree.
            await Expect(page.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
            await Expect(page.GetByText(new System.Text.RegularExpressions.Regex(@"\b1 of \d+"))).Not.ToHaveCountAsync(0);
        }
    }
}
