namespace TutorialSite.BrowserTests;

/// <summary>
/// Screenshots for people to look at, kept as artifacts: every page type at phone, tablet, laptop and desktop widths,
/// light and dark, as a learner with some progress sees them; the tutorial at its top, at its sections and complete.
/// </summary>
public sealed class ScreenshotTests(SiteFixture fixture) : OnSharedSite(fixture)
{
    public static string Folder => Path.Combine(RepoPaths.Artifacts, "screenshots");

    public static TheoryData<int, int, ColorScheme> Sizes => new()
    {
        { 375, 812, ColorScheme.Light }, { 375, 812, ColorScheme.Dark },
        { 768, 1024, ColorScheme.Light }, { 768, 1024, ColorScheme.Dark },
        { 1366, 768, ColorScheme.Light }, { 1366, 768, ColorScheme.Dark },
        { 1920, 1080, ColorScheme.Light }, { 1920, 1080, ColorScheme.Dark },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Screenshots_OfEveryPageType_AreWritten(int width, int height, ColorScheme colorScheme)
    {
        Directory.CreateDirectory(Folder);
        var page = await OpenAsync(SitePages.Tutorial, width, height, colorScheme);
        await page.TickAsync("configure-identity");
        var suffix = $"{width}-{colorScheme.ToString().ToLowerInvariant()}";

        foreach (var (name, path) in SitePages.Named)
        {
            await page.GotoAsync(path);
            await ShootAsync(page, $"{name}-{suffix}");
        }
        await page.GotoAsync(SitePages.Tutorial);
        await page.EvaluateAsync("() => document.getElementById('key-takeaways').scrollIntoView({ behavior: 'instant' })");
        await ShootAsync(page, $"tutorial-sections-{suffix}");

        var unticked = await page.Locator("form[data-tick-form] input[type=checkbox]:not(:checked)").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.id)");
        foreach (var id in unticked)
        {
            await page.Locator($"#{id}").CheckAsync();
            await Expect(page.Locator($"#{id}")).ToBeCheckedAsync();
        }
        await Expect(page.Locator("#completion")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => document.getElementById('completion').scrollIntoView({ behavior: 'instant', block: 'center' })");
        await ShootAsync(page, $"tutorial-complete-{suffix}");
    }

    private static async Task ShootAsync(IPage page, string name)
    {
        var file = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = file });
        Assert.True(new FileInfo(file).Length > 5_000, $"{file} looks empty.");
    }
}
