namespace TutorialSite.BrowserTests;

/// <summary>The light/dark switch: the system setting by default, an explicit choice remembered.</summary>
public sealed class ThemeTests(SiteFixture fixture) : OnSharedSite(fixture)
{
    private const string Background = "() => getComputedStyle(document.body).backgroundColor";

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task Theme_FollowsTheSystemSettingByDefault(ColorScheme system, string expected)
    {
        var page = await OpenAsync(SitePages.Home, colorScheme: system);

        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", expected);
        await Expect(page.Locator("#theme")).ToHaveValueAsync("auto");
        Assert.Equal(expected == "dark" ? "rgb(15, 19, 22)" : "rgb(255, 255, 255)", await page.EvaluateAsync<string>(Background));

        // "auto" keeps following the system when it changes.
        await page.EmulateMediaAsync(new() { ColorScheme = system == ColorScheme.Dark ? ColorScheme.Light : ColorScheme.Dark });
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", expected == "dark" ? "light" : "dark");
    }

    [Fact]
    public async Task Theme_ChoiceIsRememberedAcrossPagesAndReloads_AndAutoGoesBackToTheSystem()
    {
        var page = await OpenAsync(SitePages.Home, colorScheme: ColorScheme.Light);

        await page.Locator("#theme").SelectOptionAsync("dark");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", "dark");
        Assert.Equal("rgb(15, 19, 22)", await page.EvaluateAsync<string>(Background));

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "My progress" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Site.Address + "progress");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", "dark");
        await Expect(page.Locator("#theme")).ToHaveValueAsync("dark");

        await page.GotoAsync(SitePages.Tutorial);
        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", "dark");

        await page.Locator("#theme").SelectOptionAsync("auto");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", "light");
        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", "light");
        await Expect(page.Locator("#theme")).ToHaveValueAsync("auto");
    }

    [Fact]
    public async Task Theme_CanBeChosenWithTheKeyboard()
    {
        var page = await OpenAsync(SitePages.Home, colorScheme: ColorScheme.Light);
        await page.TabToAsync("#theme");

        await page.Keyboard.PressAsync("End");

        await Expect(page.Locator("#theme")).ToHaveValueAsync("dark");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", "dark");
    }

    [Fact]
    public async Task ThemePicker_IsHiddenWithoutJavaScript()
    {
        var page = await OpenAsync(SitePages.Home, javaScript: false);

        await Expect(page.Locator("#theme")).ToBeHiddenAsync();
    }
}
