using System.Text.RegularExpressions;

namespace TutorialSite.BrowserTests;

/// <summary>Ticking and unticking items, with and without JavaScript, and where the progress shows.</summary>
public sealed partial class TickTests(SiteFixture fixture) : OnSharedSite(fixture)
{
    [Fact]
    public async Task Tick_WithJavaScript_SavesWithoutReloadAndSurvivesReload()
    {
        var page = await OpenAsync(SitePages.Tutorial);
        // A reload would lose this.
        await page.EvaluateAsync("() => window.sameDocument = true");

        await page.Locator("#tick-git-init").CheckAsync();

        await Expect(page.TickStatus("git-init")).ToHaveTextAsync("Saved: ticked");
        await Expect(page.ProgressText()).ToHaveTextAsync("1 of 8 checked off");
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));

        await page.ReloadAsync();
        await Expect(page.Locator("#tick-git-init")).ToBeCheckedAsync();
        await Expect(page.ProgressText()).ToHaveTextAsync("1 of 8 checked off");

        await page.Locator("#tick-git-init").UncheckAsync();
        await Expect(page.TickStatus("git-init")).ToHaveTextAsync("Saved: unticked");
        await Expect(page.ProgressText()).ToHaveTextAsync("0 of 8 checked off");

        await page.ReloadAsync();
        await Expect(page.Locator("#tick-git-init")).Not.ToBeCheckedAsync();
    }

    [Fact]
    public async Task Tick_WithoutJavaScript_PostsTheFormAndComesBackToTheItem()
    {
        var page = await OpenAsync(SitePages.Tutorial, javaScript: false);
        var item = page.Locator("#item-gitignore");

        await item.GetByRole(AriaRole.Checkbox).CheckAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        // The shared page a first-time reader gets carries no antiforgery token: the site asks once, with a form
        // that has one, before anything is saved.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Save your progress?" })).ToBeVisibleAsync();
        await page.Locator("form[data-confirm-tick]").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(ItemUrl());
        await Expect(page.Locator("#tick-gitignore")).ToBeCheckedAsync();
        await Expect(page.ProgressText()).ToHaveTextAsync("1 of 8 checked off");

        await item.GetByRole(AriaRole.Checkbox).UncheckAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await page.ReloadAsync();
        await Expect(page.Locator("#tick-gitignore")).Not.ToBeCheckedAsync();
        await Expect(page.ProgressText()).ToHaveTextAsync("0 of 8 checked off");
    }

    [Fact]
    public async Task Progress_ShowsOnTutorialCourseHomeAndProgressPages_AndResetClearsIt()
    {
        var page = await OpenAsync(SitePages.Tutorial);
        await page.Locator("#tick-configure-identity").CheckAsync();
        await page.Locator("#tick-two-commits").CheckAsync();
        await Expect(page.TickStatus("configure-identity")).ToHaveTextAsync("Saved: ticked");
        await Expect(page.TickStatus("two-commits")).ToHaveTextAsync("Saved: ticked");
        await Expect(page.ProgressText()).ToHaveTextAsync("2 of 8 checked off");
        await Expect(page.Locator("[data-tutorial-progress] progress")).ToHaveAttributeAsync("value", "2");

        await page.GotoAsync(SitePages.Course);
        await Expect(page.Locator(".tutorial-list li", new() { HasText = "Your First Repository" })).ToContainTextAsync("2 of 8 done");

        await page.GotoAsync(SitePages.Home);
        await Expect(page.Locator(".course-list li", new() { HasText = "Git" })).ToContainTextAsync(TwoOfSomeDone());

        await page.GotoAsync(SitePages.Progress);
        await Expect(page.Locator(".summary-figures div", new() { HasText = "Items checked off" }).Locator("dd")).ToHaveTextAsync(OverallTwo());
        await Expect(page.Locator(".progress-course li", new() { HasText = "Your First Repository" })).ToContainTextAsync("2 of 8");

        await page.GetByText("Reset all my progress…").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove all my ticks" }).ClickAsync();
        await Expect(page.GetByText("Nothing ticked yet.")).ToBeVisibleAsync();

        await page.GotoAsync(SitePages.Tutorial);
        await Expect(page.Locator("input[type=checkbox]:checked")).ToHaveCountAsync(0);
        await Expect(page.ProgressText()).ToHaveTextAsync("0 of 8 checked off");
    }

    [Fact]
    public async Task SecondLearner_InAnotherBrowser_SeesNothingTicked()
    {
        var firstPage = await OpenAsync(SitePages.Tutorial);
        await firstPage.TickAsync("read-status");

        var page = await OpenAsync(SitePages.Tutorial);
        await Expect(page.Locator("input[type=checkbox]")).ToHaveCountAsync(8);
        await Expect(page.Locator("input[type=checkbox]:checked")).ToHaveCountAsync(0);
        await Expect(page.ProgressText()).ToHaveTextAsync("0 of 8 checked off");
        await page.GotoAsync(SitePages.Progress);
        await Expect(page.GetByText("Nothing ticked yet.")).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"/git/first-repository#item-gitignore$")]
    private static partial Regex ItemUrl();

    [GeneratedRegex(@"\b2 of \d+ done")]
    private static partial Regex TwoOfSomeDone();

    [GeneratedRegex(@"^2 of \d+$")]
    private static partial Regex OverallTwo();
}
