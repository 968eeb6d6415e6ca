namespace TutorialSite.BrowserTests;

/// <summary>Screenshots for people to look at, kept as artifacts: home, a course and a tutorial.</summary>
[Collection(SiteCollection.Name)]
public sealed class ScreenshotTests(SiteFixture fixture)
{
    public static string Folder => Path.Combine(RepoPaths.Artifacts, "screenshots");

    [Theory]
    [MemberData(nameof(AccessibilityTests.Variants), MemberType = typeof(AccessibilityTests))]
    public async Task Screenshots_OfHomeCourseAndTutorial_AreWritten(Device device, ColorScheme colorScheme)
    {
        Directory.CreateDirectory(Folder);
        await using var context = await fixture.NewContextAsync(device, colorScheme);
        var page = await context.NewPageAsync();
        await page.GotoAsync(SitePages.Tutorial);
        await page.Locator("#tick-configure-identity").CheckAsync();
        await Expect(TickTests.Status(page, "configure-identity")).ToHaveTextAsync("Saved: ticked");

        foreach (var (name, path) in SitePages.Named.Where(p => p.Name is "home" or "course" or "tutorial"))
        {
            await page.GotoAsync(path);
            var file = Path.Combine(Folder, $"{name}-{colorScheme.ToString().ToLowerInvariant()}-{device.ToString().ToLowerInvariant()}.png");
            await page.ScreenshotAsync(new() { Path = file, FullPage = device == Device.Desktop && name != "tutorial" });
            Assert.True(new FileInfo(file).Length > 10_000, $"{file} looks empty.");
        }
    }
}
