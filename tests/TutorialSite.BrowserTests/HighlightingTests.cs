namespace TutorialSite.BrowserTests;

/// <summary>
/// Highlighted code in the published site (its native regex library, onigwrap, loaded from the publish output's
/// runtimes/ folder), coloured by site.css in both themes.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class HighlightingTests(SiteFixture fixture)
{
    private const string Page = "/csharp/hello-csharp";

    [Theory]
    [InlineData(ColorScheme.Light, "rgb(180, 35, 42)")]
    [InlineData(ColorScheme.Dark, "rgb(255, 123, 114)")]
    public async Task PublishedSite_HighlightsCode_AndColoursTokensForTheTheme(ColorScheme scheme, string keywordColour)
    {
        var page = await fixture.NewPageAsync(colorScheme: scheme);
        await page.GotoAsync(Page);

        var keyword = page.Locator("code.highlighted[data-lang='C#'] .tok-keyword").First;
        await Expect(keyword).ToBeVisibleAsync();
        Assert.Equal(keywordColour, await keyword.EvaluateAsync<string>("e => getComputedStyle(e).color"));
        // A console session: the prompt is marked, and not selectable.
        var prompt = page.Locator("code[data-lang='Shell session'] .tok-prompt").First;
        Assert.Equal("none", await prompt.EvaluateAsync<string>("e => getComputedStyle(e).userSelect"));
    }
}
