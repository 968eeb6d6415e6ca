namespace TutorialSite.BrowserTests;

/// <summary>Printing, as Chromium lays the page out for paper: the lesson and the learner's ticks, without the site's chrome.</summary>
public sealed class PrintTests(SiteFixture fixture) : OnSharedSite(fixture)
{
    private const string Before = "e => getComputedStyle(e, '::before').content";
    private const string After = "e => getComputedStyle(e, '::after').content";

    [Fact]
    public async Task Tutorial_Printed_ShowsTheLessonTicksAndAnswers_WithoutNavigationOrButtons()
    {
        var page = await OpenAsync(SitePages.Tutorial);
        var items = page.Locator(".checklist-item");
        await items.First.Locator("input[type=checkbox]").CheckAsync();
        await Expect(items.First.Locator("[data-tick-status]")).ToHaveTextAsync("Saved: ticked");
        await Expect(page.Locator("nav[aria-label=Main]")).ToBeVisibleAsync();
        await Expect(page.Locator(".faq-answer").First).ToBeHiddenAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        foreach (var chrome in new[] { "nav[aria-label=Main]", ".site-footer", ".toc", ".pager", ".theme-picker", ".course-outline" })
        {
            await Expect(page.Locator(chrome)).ToBeHiddenAsync();
        }
        // Nothing to press or follow on paper: no button (Copy included), no navigation.
        await Expect(page.Locator("button:visible, nav:visible, summary.btn:visible")).ToHaveCountAsync(0);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Expect(page.Locator(".tutorial-body")).ToBeVisibleAsync();
        await Expect(page.Locator(".tutorial-progress")).ToContainTextAsync("1 of");
        await Expect(page.Locator(".faq-answer").First).ToBeVisibleAsync(); // a closed question still prints its answer
        await Expect(page.Locator(".checklist-item input[type=checkbox]").First).ToBeHiddenAsync();
        Assert.Equal("\"☑ \"", await items.First.Locator(".tick-label").EvaluateAsync<string>(Before));
        Assert.Equal("\"☐ \"", await items.Nth(1).Locator(".tick-label").EvaluateAsync<string>(Before));
        Assert.Equal("pre-wrap", await page.Locator(".tutorial-body pre").First.EvaluateAsync<string>("e => getComputedStyle(e).whiteSpace"));
        Assert.Equal("avoid", await page.Locator(".tutorial-body pre").First.EvaluateAsync<string>("e => getComputedStyle(e).breakInside"));
    }

    [Fact]
    public async Task Printed_ExternalLinksShowTheirAddress_SiteLinksDoNot()
    {
        var page = await OpenAsync(SitePages.Tutorial);
        // The sample lessons link only within the site: add a link elsewhere, as an editor might.
        await page.Locator(".tutorial-body").EvaluateAsync("e => e.insertAdjacentHTML('beforeend', '<p><a id=\"external\" href=\"https://example.org/docs\">docs</a></p>')");

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        Assert.Equal("\" (https://example.org/docs)\"", await page.Locator("#external").EvaluateAsync<string>(After));
        Assert.Equal("none", await page.Locator(".breadcrumb a").First.EvaluateAsync<string>(After));
    }

    [Fact]
    public async Task Progress_Printed_ShowsTheCoursesWithoutFormsOrButtons()
    {
        var page = await OpenAsync(SitePages.Tutorial);
        await page.Locator(".checklist-item input[type=checkbox]").First.CheckAsync();
        await Expect(page.Locator(".checklist-item [data-tick-status]").First).ToHaveTextAsync("Saved: ticked");
        await page.GotoAsync(SitePages.Progress);

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(page.Locator("nav[aria-label=Main]")).ToBeHiddenAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("My progress");
        await Expect(page.Locator(".progress-course").First).ToBeVisibleAsync();
        await Expect(page.Locator(".progress-course .completion").First).ToBeVisibleAsync();
        await Expect(page.Locator(".transfer")).ToBeHiddenAsync();
        await Expect(page.Locator(".reset")).ToBeHiddenAsync();
        Assert.Equal(0, await page.Locator("main form, main .btn").Filter(new() { Visible = true }).CountAsync());
    }
}
