using System.Text.RegularExpressions;

namespace TutorialSite.BrowserTests;

/// <summary>When a tick cannot be saved, the learner is told and the box shows what is really stored.</summary>
public sealed partial class SaveFailureTests(SiteFixture fixture) : OnSharedSite(fixture)
{
    private const string NotSaved = "Not saved. Check your connection and try again.";

    [Theory]
    [InlineData(false, ColorScheme.Light)]
    [InlineData(true, ColorScheme.Dark)]
    public async Task Tick_WhenTheServerAnswersWithAnErrorOrTheConnectionFails_TellsTheLearnerAndRevertsTheBox(bool networkFailure, ColorScheme colorScheme)
    {
        var page = await OpenAsync(SitePages.Tutorial, colorScheme: colorScheme);
        await page.RouteAsync(TickRequest(), route => networkFailure
            ? route.AbortAsync("connectionfailed")
            : route.FulfillAsync(new() { Status = 500, ContentType = "application/json", Body = """{"error":"boom"}""" }));
        var box = page.Locator("#tick-first-commit");

        await box.ClickAsync();

        await Expect(page.TickStatus("first-commit")).ToHaveTextAsync(NotSaved);
        await Expect(box).Not.ToBeCheckedAsync();
        await Expect(page.ProgressText()).ToHaveTextAsync("0 of 8 checked off");
        // The message is announced (a status region) and readable in both colour modes.
        await Expect(page.TickStatus("first-commit")).ToHaveAttributeAsync("role", "status");
        Assert.Empty(await Axe.ViolationsAsync(page, "tutorial after a failed save"));

        await page.UnrouteAllAsync();
        await page.ReloadAsync();
        await Expect(box).Not.ToBeCheckedAsync();
    }

    [Fact]
    public async Task Untick_WhenSavingFails_LeavesTheBoxTicked()
    {
        var page = await OpenAsync(SitePages.Tutorial);
        var box = page.Locator("#tick-gitignore");
        await box.CheckAsync();
        await Expect(page.TickStatus("gitignore")).ToHaveTextAsync("Saved: ticked");
        await page.RouteAsync(TickRequest(), route => route.FulfillAsync(new() { Status = 503 }));

        await box.ClickAsync();

        await Expect(page.TickStatus("gitignore")).ToHaveTextAsync(NotSaved);
        await Expect(box).ToBeCheckedAsync();
        await Expect(page.ProgressText()).ToHaveTextAsync("1 of 8 checked off");
    }

    [Fact]
    public async Task Tick_WhileTheServerIsStopped_TellsTheLearner_AndSavesOnceItIsBack()
    {
        var page = await OpenAsync(SitePages.Tutorial);
        var box = page.Locator("#tick-configure-git");
        var status = page.TickStatus("configure-git");

        await Site.StopAsync();
        try
        {
            await box.ClickAsync();
            await Expect(status).ToHaveTextAsync(NotSaved);
            await Expect(box).Not.ToBeCheckedAsync();
        }
        finally
        {
            await Site.StartAsync();
        }

        // Same port, same database: the page left open keeps working after the restart.
        await box.CheckAsync();
        await Expect(status).ToHaveTextAsync("Saved: ticked");
        await page.ReloadAsync();
        await Expect(box).ToBeCheckedAsync();
    }

    [GeneratedRegex(@"[?&]handler=Tick\b")]
    private static partial Regex TickRequest();
}
