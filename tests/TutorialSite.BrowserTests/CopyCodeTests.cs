namespace TutorialSite.BrowserTests;

/// <summary>The Copy button site.js adds to each code block: what it copies, from the keyboard too, and without script.</summary>
[Collection(SiteCollection.Name)]
public sealed class CopyCodeTests(SiteFixture fixture)
{
    private const string Page = "/csharp/hello-csharp";

    [Fact]
    public async Task Copy_PutsExactlyTheCodeOnTheClipboard_NotTheTitle()
    {
        await using var context = await ClipboardContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Page);

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
        await using var context = await ClipboardContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Page);

        await KeyboardTests.TabToAsync(page, ".copy-code");
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
        await using var context = await fixture.NewContextAsync();
        await context.AddInitScriptAsync("""
            Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('Denied', 'NotAllowedError')) } });
            """);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Page);

        await CopyButton(page, "Program.cs").ClickAsync();

        await Expect(CopyButton(page, "Program.cs")).ToContainTextAsync("Ctrl+C");
        await Expect(page.Locator("main [role=status]").Last).ToContainTextAsync("The code is selected");
        Assert.Equal("""Console.WriteLine("Hello, World!");""", await page.EvaluateAsync<string>("() => getSelection().toString().trim()"));
    }

    [Fact]
    public async Task WithoutJavaScript_ThereIsNoCopyButton()
    {
        await using var context = await fixture.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Page);

        await Expect(page.Locator("main pre").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy code" })).ToHaveCountAsync(0);
    }

    private async Task<IBrowserContext> ClipboardContextAsync()
    {
        var context = await fixture.NewContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        return context;
    }

    private static ILocator CopyButton(IPage page, string title) =>
        page.Locator("figure", new() { Has = page.Locator("figcaption", new() { HasText = title }) }).GetByRole(AriaRole.Button);

    private static Task<string> ClipboardAsync(IPage page) => page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
}
