using System.Text.RegularExpressions;

namespace TutorialSite.BrowserTests;

/// <summary>
/// Search in Chromium: without JavaScript a plain GET form and its result page; with it, results that follow
/// the typing on the same page, fetched from the same address.
/// </summary>
public sealed partial class SearchTests(SiteFixture fixture) : OnSharedSite(fixture)
{
    private static readonly string[] TaggedBasics = ["/csharp/hello-csharp", "/docker/what-is-docker", "/git/first-repository"];

    [Fact]
    public async Task WithoutJavaScript_TheHomePageForm_LandsOnRankedResultsWithSnippetAndCourse()
    {
        var page = await OpenAsync(SitePages.Home, javaScript: false);

        await page.GetByLabel("Find a tutorial").FillAsync("writable layer");
        await page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(SearchUrl("writable+layer"));
        var first = Results(page).First;
        await Expect(first.Locator(".result-title a")).ToHaveAttributeAsync("href", "/docker/images-vs-containers");
        await Expect(first.Locator(".result-course")).ToHaveTextAsync("Docker");
        await Expect(first.Locator(".result-summary mark").First).ToHaveTextAsync(new Regex("^(writable|layer)$", RegexOptions.IgnoreCase));
        await Expect(Status(page)).ToHaveTextAsync(new Regex(@"^\d+ results? for “writable layer”\.$"));
        await Expect(page.GetByLabel("Search the tutorials")).ToHaveValueAsync("writable layer");
    }

    [Fact]
    public async Task WithoutJavaScript_CourseAndTagFilters_KeepOnlyMatchingTutorials()
    {
        var page = await OpenAsync("/search", javaScript: false);
        await page.GetByLabel("Search the tutorials").FillAsync("run");
        await page.GetByLabel("Course").SelectOptionAsync(new SelectOptionValue { Label = "Docker" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=run&course=docker&tag=$"));
        Assert.All(await ResultLinksAsync(page), href => Assert.StartsWith("/docker/", href, StringComparison.Ordinal));

        await page.GetByLabel("Course").SelectOptionAsync(new SelectOptionValue { Label = "All courses" });
        await page.GetByLabel("Topic").SelectOptionAsync("basics");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=run&course=&tag=basics$"));
        Assert.All(await ResultLinksAsync(page), href => Assert.Contains(href, TaggedBasics));
        await Expect(page.GetByLabel("Topic")).ToHaveValueAsync("basics");
    }

    [Fact]
    public async Task WithoutJavaScript_EmptyHostileAndHugeQueries_GetAClearPage()
    {
        var page = await OpenAsync("/search?q=commit", javaScript: false);

        await page.GetByLabel("Search the tutorials").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("Type a word or two to find tutorials.");
        await Expect(Results(page)).ToHaveCountAsync(0);

        const string hostile = "<script>alert(1)</script>";
        await page.GetByLabel("Search the tutorials").FillAsync(hostile);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(Status(page)).ToContainTextAsync($"“{hostile}”");
        await Expect(page.GetByLabel("Search the tutorials")).ToHaveValueAsync(hostile);
        await Expect(page.Locator("main script")).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/search?q=" + string.Concat(Enumerable.Repeat("docker%20", 5000 / 7 + 1))[..5000]);
        Assert.Equal(200, response!.Status);
        await Expect(Status(page)).ToContainTextAsync("Only the first 200 characters were searched.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Search", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WithJavaScript_ResultsFollowTheTyping_WithoutANavigation()
    {
        var page = await (await NewLearnerAsync()).NewPageAsync();
        var fetches = 0;
        page.Request += (_, request) => fetches += request.ResourceType == "fetch" && request.Url.Contains("/search?", StringComparison.Ordinal) ? 1 : 0;
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => dialogs.Add(dialog.Message);
        await page.GotoAsync("/search");
        await page.EvaluateAsync("() => window.sameDocument = true"); // a navigation would lose this
        var box = page.GetByLabel("Search the tutorials");

        // Quicker than the debounce: one request for the whole word, not one a letter.
        await box.PressSequentiallyAsync("docker", new() { Delay = 20 });
        await Expect(Status(page)).ToHaveTextAsync(new Regex(@"^\d+ results for “docker”\.$"));
        var all = await Results(page).CountAsync();
        Assert.True(all >= 4, $"{all} results for docker");
        Assert.InRange(fetches, 1, 5); // one a letter would be 6; a stalled machine may let a pause through

        // Typing on narrows the results; the address follows, so a reload or a shared link shows the same.
        await box.PressSequentiallyAsync("file", new() { Delay = 20 });
        await Expect(Status(page)).ToHaveTextAsync(new Regex("for “dockerfile”\\.$"));
        await Expect(Results(page).First.Locator(".result-title a")).ToHaveAttributeAsync("href", "/docker/writing-a-dockerfile");
        Assert.True(await Results(page).CountAsync() < all);
        await Expect(page).ToHaveURLAsync(SearchUrl("dockerfile"));
        await Expect(page).ToHaveTitleAsync("Search: dockerfile · TutorialSite");

        // A filter applies at once, too.
        await page.GetByLabel("Course").SelectOptionAsync("git");
        await Expect(Status(page)).ToHaveTextAsync(new Regex("^No tutorial matches"));
        await Expect(Results(page)).ToHaveCountAsync(0);
        // Nothing found comes with a way on, from the same fresh page: the whole search, topics, all courses.
        var wayOn = page.Locator("#search-results .empty-state");
        await Expect(wayOn.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Try a wider search");
        await Expect(wayOn.GetByRole(AriaRole.Link, new() { Name = "Search every course and topic" })).ToHaveAttributeAsync("href", "/search?q=dockerfile");
        await page.GetByLabel("Course").SelectOptionAsync("");
        await Expect(wayOn).ToHaveCountAsync(0);
        await Expect(Results(page).First.Locator(".result-title a")).ToHaveAttributeAsync("href", "/docker/writing-a-dockerfile");

        // A word no tutorial has: its near spelling is searched, said in the status and undone by a link.
        await box.FillAsync("contaner");
        await Expect(Status(page)).ToHaveTextAsync(new Regex("results for “container” \\(instead of “contaner”\\)\\.$"));
        await Expect(page.Locator(".search-correction")).ToContainTextAsync("Showing results for container");
        await box.FillAsync("container");
        await Expect(Status(page)).ToHaveTextAsync(new Regex("results for “container”\\.$"));
        await Expect(page.Locator(".search-correction")).ToHaveCountAsync(0);

        await box.FillAsync("<script>alert(1)</script>");
        await Expect(Status(page)).ToContainTextAsync("“<script>alert(1)</script>”");

        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task WithJavaScript_ResultsAreReachableByKeyboard_AndEscapeClearsTheSearch()
    {
        var page = await OpenAsync("/search");
        var box = page.GetByLabel("Search the tutorials");
        await box.FocusAsync();
        await page.Keyboard.TypeAsync("volume");
        await Expect(Results(page).First.Locator(".result-title a")).ToHaveAttributeAsync("href", "/docker/volumes-and-data");

        var problems = await Axe.ViolationsAsync(page, "search after typing");
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // Escape empties the box (the browser's own behaviour for a search field), and the results go with it.
        await page.Keyboard.PressAsync("Escape");
        await Expect(box).ToHaveValueAsync("");
        await Expect(Status(page)).ToHaveTextAsync("Type a word or two to find tutorials.");
        await Expect(Results(page)).ToHaveCountAsync(0);

        await page.Keyboard.TypeAsync("volume");
        await Expect(Results(page).First.Locator(".result-title a")).ToHaveAttributeAsync("href", "/docker/volumes-and-data");
        await page.TabToAsync("#search-results .result-title a");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/docker/volumes-and-data$"));

        // Back on the results: the address kept the query, so the same results are there.
        await page.GoBackAsync();
        await Expect(box).ToHaveValueAsync("volume");
        await Expect(Results(page).First.Locator(".result-title a")).ToHaveAttributeAsync("href", "/docker/volumes-and-data");
    }

    private static ILocator Results(IPage page) => page.Locator("#search-results .result-list > li");

    private static ILocator Status(IPage page) => page.Locator("#search-results [role=status]");

    private static async Task<IReadOnlyList<string>> ResultLinksAsync(IPage page)
    {
        await Expect(Results(page).First).ToBeVisibleAsync();
        return await page.Locator("#search-results .result-title a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
    }

    private static Regex SearchUrl(string query) => new($@"/search\?q={Regex.Escape(query)}(&|$)");
}
