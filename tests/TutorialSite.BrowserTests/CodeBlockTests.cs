namespace TutorialSite.BrowserTests;

/// <summary>
/// Code blocks in the published site: highlighted (its native regex library, onigwrap, loaded from the publish output's
/// runtimes/ folder) and coloured by site.css in both themes; the Copy button site.js adds to each: what it copies, from
/// the keyboard too, and without script.
/// </summary>
public sealed class CodeBlockTests(SiteFixture fixture) : OnSharedSite(fixture)
{
    private const string Page = "/csharp/hello-csharp";

    [Fact]
    public async Task Copy_PutsExactlyTheCodeOnTheClipboard_NotTheTitle()
    {
        var page = await OpenAsync(Page, prepare: AllowTheClipboard);

        // Titled and highlighted: the file name stays out.
        await CopyButton(page, "Program.cs").ClickAsync();
        await Expect(CopyButton(page, "Program.cs")).ToHaveTextAsync("Copied code");
        await Expect(page.Locator("main [role=status]").Last).ToHaveTextAsync("Copied");
        Assert.Equal("""Console.WriteLine("Hello, World!");""", await ClipboardAsync(page));

        // Highlighted, several lines with a blank one; then plain (no language the highlighter knows).
        await page.Locator(".code-block", new() { Has = page.Locator("code.language-xml") }).GetByRole(AriaRole.Button).ClickAsync();
        Assert.Equal("""
            <Project Sdk="Microsoft.NET.Sdk">

              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>

            </Project>
            """, await ClipboardAsync(page));

        await page.Locator(".code-block", new() { Has = page.Locator("code", new() { HasText = "dotnet new console -o HelloCSharp" }) }).GetByRole(AriaRole.Button).ClickAsync();
        Assert.Equal("dotnet new console -o HelloCSharp\ncd HelloCSharp\ndotnet run", await ClipboardAsync(page));
    }

    [Fact]
    public async Task Copy_WorksFromTheKeyboard_WithAVisibleFocusRing()
    {
        var page = await OpenAsync(Page, prepare: AllowTheClipboard);

        await page.TabToAsync(".copy-code");
        var button = page.Locator(".copy-code").First;
        await Expect(button).ToBeFocusedAsync();
        await Expect(button).ToHaveAccessibleNameAsync("Copy code");
        Assert.True(await button.EvaluateAsync<double>("b => parseFloat(getComputedStyle(b).outlineWidth)") >= 2);

        await page.Keyboard.PressAsync("Enter");
        await Expect(button).ToHaveTextAsync("Copied code");
        Assert.Equal("dotnet --version", await ClipboardAsync(page));
        // The label comes back, for the next copy.
        await Expect(button).ToHaveTextAsync("Copy code", new() { Timeout = 5_000 });

        // The next block's button is the next stop; Space copies too.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(".copy-code").Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator(".copy-code").Nth(1)).ToHaveTextAsync("Copied code");
        Assert.Equal("$ dotnet --version\n10.0.100", await ClipboardAsync(page));
    }

    [Fact]
    public async Task Copy_WhenTheClipboardIsRefused_SelectsTheCodeAndSaysSo()
    {
        var page = await OpenAsync(Page, prepare: context => context.AddInitScriptAsync("""
            Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('Denied', 'NotAllowedError')) } });
            """));

        await CopyButton(page, "Program.cs").ClickAsync();

        await Expect(CopyButton(page, "Program.cs")).ToContainTextAsync("Ctrl+C");
        await Expect(page.Locator("main [role=status]").Last).ToContainTextAsync("The code is selected");
        Assert.Equal("""Console.WriteLine("Hello, World!");""", await page.EvaluateAsync<string>("() => getSelection().toString().trim()"));
    }

    [Fact]
    public async Task WithoutJavaScript_ThereIsNoCopyButton()
    {
        var page = await OpenAsync(Page, javaScript: false);

        await Expect(page.Locator("main pre").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy code" })).ToHaveCountAsync(0);
    }

    /// <summary>Tokens take the colours of the mode the page shows: the system's, the reader's choice over it, light without script.</summary>
    [Theory]
    [InlineData(ColorScheme.Light, null, true, "rgb(180, 35, 42)")]
    [InlineData(ColorScheme.Dark, null, true, "rgb(255, 123, 114)")]
    [InlineData(ColorScheme.Dark, "light", true, "rgb(180, 35, 42)")]
    [InlineData(ColorScheme.Light, "dark", true, "rgb(255, 123, 114)")]
    [InlineData(ColorScheme.Dark, null, false, "rgb(180, 35, 42)")]
    public async Task PublishedSite_HighlightsCode_AndColoursTokensForTheModeShown(ColorScheme system, string? chosen, bool javaScript, string keywordColour)
    {
        var page = await OpenAsync(Page, colorScheme: system, javaScript: javaScript);
        if (chosen is not null)
        {
            await page.Locator("#theme").SelectOptionAsync(chosen);
        }

        var keyword = page.Locator("code.highlighted[data-lang='C#'] .tok-keyword").First;
        await Expect(keyword).ToBeVisibleAsync();
        Assert.Equal(keywordColour, await keyword.StyleAsync("color"));
        // A console session: the prompt is marked, and not selectable.
        var prompt = page.Locator("code[data-lang='Shell session'] .tok-prompt").First;
        Assert.Equal("none", await prompt.StyleAsync("userSelect"));
    }

    private static Task AllowTheClipboard(IBrowserContext context) => context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);

    private static ILocator CopyButton(IPage page, string title) =>
        page.Locator("figure", new() { Has = page.Locator("figcaption", new() { HasText = title }) }).GetByRole(AriaRole.Button);

    private static Task<string> ClipboardAsync(IPage page) => page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
}
