using System.Net;
using AngleSharp.Html.Dom;

namespace TutorialSite.Tests.Pages;

[Trait("Database", TestDatabase.OnBothProviders)]
public sealed class TutorialPageTests : SiteOnSampleContent
{
    [Fact]
    public async Task Get_Tutorial_ShowsBreadcrumbsTocBodyAndTheFourSections()
    {
        var page = await Site.CreateBrowser().GetDocumentAsync(Page);

        Assert.Equal(["Home", "Docker", "Images"], page.QuerySelectorAll("nav[aria-label=Breadcrumb] li").Select(li => li.TextContent.Trim()));
        Assert.Equal("Images", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("time[datetime='2026-11-20']"));
        Assert.Contains("#key-takeaways", page.QuerySelectorAll(".toc a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["explain-images", "run-container"], page.QuerySelectorAll("#key-takeaways ~ ul .checklist-item input[name=key]").Select(i => i.GetAttribute("value")));
        Assert.Single(page.QuerySelectorAll("ul.mistakes > li"));
        Assert.Equal(["Why?", "How?"], page.QuerySelectorAll("details.faq-item > summary").Select(s => s.TextContent));
        Assert.Equal("Because.", page.QuerySelector("details.faq-item .faq-answer")!.TextContent.Trim());
        Assert.Equal("/docker/draft-work", page.QuerySelector("a[rel=next]")!.GetAttribute("href")); // Development shows drafts
    }

    [Fact]
    public async Task Get_Tutorial_ShowsItsReadingTime_AndTheCourseListsEach()
    {
        var browser = Site.CreateBrowser();

        var tutorial = await browser.GetDocumentAsync(Page);
        var course = await browser.GetDocumentAsync("/docker");

        Assert.Equal("1 min read", tutorial.QuerySelector(".tutorial-header .reading-time")!.TextContent);
        Assert.Equal(["1 min read", "1 min read", "1 min read"], course.QuerySelectorAll(".tutorial-list .reading-time").Select(r => r.TextContent));
    }

    [Fact]
    public async Task Get_Tutorial_SetsNoLearnerCookie()
    {
        using var response = await Site.CreateBrowser().GetAsync(Page);

        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("learner=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_Tutorial_Anonymous_IsSharedBytesWithoutTokenOrCookie()
    {
        using var first = await Site.CreateBrowser().GetAsync(Page);
        using var second = await Site.CreateBrowser().GetAsync(Page);

        var html = await first.Content.ReadAsStringAsync();
        Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.Equal(html, await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task Get_Tutorial_Anonymous_IsPrecompressedAndRevalidated()
    {
        var browser = Site.CreateBrowser();
        using var plain = await browser.GetAsync(Page);
        using var brotli = new HttpRequestMessage(HttpMethod.Get, Page) { Headers = { { "Accept-Encoding", "br" } } };
        using var compressed = await browser.SendAsync(brotli);
        using var again = new HttpRequestMessage(HttpMethod.Get, Page) { Headers = { { "If-None-Match", plain.Headers.ETag!.Tag } } };
        using var revalidated = await browser.SendAsync(again);

        Assert.Equal("br", Assert.Single(compressed.Content.Headers.ContentEncoding));
        await using var decompressed = new System.IO.Compression.BrotliStream(await compressed.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        Assert.Equal(await plain.Content.ReadAsStringAsync(), await new StreamReader(decompressed).ReadToEndAsync());
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task Get_Tutorial_Learner_FromTemplateIsTheBytesRazorRenders()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "run-ps", "explain-images");

        using var first = await browser.GetAsync(Page); // renders the template
        using var second = await browser.GetAsync(Page); // fills the stored one
        using var razor = await browser.GetAsync(Page + "?razor"); // a query string: Razor renders the whole page

        var expected = WithoutTokenValues(await razor.Content.ReadAsStringAsync());
        Assert.Contains("checked=\"checked\"", expected, StringComparison.Ordinal);
        Assert.Contains("2 of 3 checked off", expected, StringComparison.Ordinal);
        Assert.NotNull(second.Content.Headers.ContentLength); // Razor streams; the template knows its length
        Assert.Equal(expected, WithoutTokenValues(await first.Content.ReadAsStringAsync()));
        Assert.Equal(expected, WithoutTokenValues(await second.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Get_Tutorial_Learner_OutlineMarksAndCompletionPanel_FromTemplateAreTheBytesRazorRenders()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "run-ps", "explain-images", "run-container");
        await browser.TickAsync("/docker/volumes", "run-ps");

        using var first = await browser.GetAsync(Page); // renders the template
        using var second = await browser.GetAsync(Page); // fills the stored one
        using var razor = await browser.GetAsync(Page + "?razor");
        var expected = WithoutTokenValues(await razor.Content.ReadAsStringAsync());
        var page = await Html.ParseAsync(second);

        Assert.Equal(expected, WithoutTokenValues(await first.Content.ReadAsStringAsync()));
        Assert.Equal(expected, WithoutTokenValues(await second.Content.ReadAsStringAsync()));
        Assert.Equal(["complete", "0 of /3 done", "1 of /3 done"], page.QuerySelectorAll(".outline-list a .outline-mark").Select(a => a.TextContent));
        Assert.Equal("/docker/images", page.QuerySelector(".outline-list a[aria-current=page]")!.GetAttribute("href"));
        var panel = page.QuerySelector("[data-completion-panel]")!;
        Assert.False(panel.HasAttribute("hidden"));
        Assert.Equal("/docker/draft-work", panel.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Get_Tutorial_NotComplete_HidesTheCompletionPanel_ForAnonymousReadersAndLearners()
    {
        var browser = Site.CreateBrowser();
        var anonymous = await browser.GetDocumentAsync(Page);
        await browser.SubmitTickAsync(anonymous, "run-ps", done: true);
        var learner = await browser.GetDocumentAsync(Page);

        Assert.True(anonymous.QuerySelector("[data-completion-panel]")!.HasAttribute("hidden"));
        Assert.True(learner.QuerySelector("[data-completion-panel]")!.HasAttribute("hidden"));
        Assert.Equal("1 of /3 done", learner.QuerySelector(".outline-list a[aria-current=page] .outline-mark")!.TextContent);
    }

    [Fact]
    public async Task Get_Tutorial_Learner_ReusesTheTokenIssuedToTheirCookieAndItStillValidates()
    {
        var browser = Site.CreateBrowser();
        var other = Site.CreateBrowser();
        await browser.TickAsync(Page, "run-ps");
        await other.TickAsync(Page, "run-ps");

        using var first = await browser.GetAsync(Page);
        using var second = await browser.GetAsync(Page); // the token issued for this browser's cookie, again
        var token = TokenOf(await first.Content.ReadAsStringAsync());

        Assert.Equal(token, TokenOf(await second.Content.ReadAsStringAsync()));
        Assert.NotEqual(token, TokenOf(await other.GetStringAsync(Page))); // another browser, another cookie
        Assert.Equal(Headers(first), Headers(second));
        Assert.Contains("no-store", second.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        // The reused token is a real one: the tick it carries is stored.
        using var ticked = await browser.SubmitTickAsync(await Html.ParseAsync(second), "explain-images", done: true);
        Assert.Equal(HttpStatusCode.SeeOther, ticked.StatusCode);
        Assert.Contains(("docker", "images", "explain-images"), StoredTicks());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Get_Tutorial_ForgedHostFirst_NeverLeaksIntoOtherReadersPages(bool learner)
    {
        var browser = Site.CreateBrowser();
        if (learner)
        {
            await browser.TickAsync(Page, "run-ps");
        }
        // The first renders after a reload come from made-up hosts (more of them than the caches keep).
        foreach (var forged in new[] { "evil.example", "a.evil.example", "b.evil.example", "c.evil.example", "d.evil.example" })
        {
            using var poisoned = new HttpRequestMessage(HttpMethod.Get, Page) { Headers = { Host = forged } };
            Assert.Contains($"http://{forged}/docker/images", await (await browser.SendAsync(poisoned)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var html = await browser.GetStringAsync(Page);

        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/docker/images\"", html, StringComparison.Ordinal);
    }

    private static string TokenOf(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
            ? token : throw new Xunit.Sdk.XunitException("the page has no token");

    private static string Headers(HttpResponseMessage response) =>
        string.Join('\n', response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date").OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));

    private static string WithoutTokenValues(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "TOKEN");

    [Fact]
    public async Task Post_TickFormWithoutToken_AsksToConfirmAndStoresNothingUntilConfirmed()
    {
        var browser = Site.CreateBrowser();
        var form = (await browser.GetDocumentAsync(Page)).TickForm("run-ps");
        ((IHtmlInputElement)form.QuerySelector("input[type=checkbox]")!).IsChecked = true;

        using var answer = await browser.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Empty(StoredTicks());
        var confirm = (IHtmlFormElement)(await Html.ParseAsync(answer)).QuerySelector("form[data-confirm-tick]")!;
        Assert.NotNull(confirm.QuerySelector("input[name=__RequestVerificationToken]"));
        using var saved = await browser.SubmitAsync(confirm);
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal([("docker", "images", "run-ps")], StoredTicks());
    }

    [Fact]
    public async Task Post_TickForm_StoresTickAndRedirectsBackToTheItem()
    {
        var browser = Site.CreateBrowser();
        var page = await browser.GetDocumentAsync(Page);

        using var response = await browser.SubmitTickAsync(page, "run-container", done: true);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/docker/images#item-run-container", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("learner=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([("docker", "images", "run-container")], StoredTicks());
    }

    [Fact]
    public async Task Tick_ThenReload_ShowsTheBoxesTickedTheProgressAndTheLearnersTokens()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "explain-images", "run-ps");

        var reloaded = await browser.GetDocumentAsync(Page);

        Assert.True(reloaded.IsTicked("explain-images"));
        Assert.True(reloaded.IsTicked("run-ps"));
        Assert.False(reloaded.IsTicked("run-container"));
        Assert.Equal("2 of 3 checked off", reloaded.QuerySelector("[data-progress-text]")!.TextContent);
        Assert.NotNull(reloaded.TickForm("run-ps").QuerySelector("input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task Untick_ThenReload_ShowsTheBoxEmptyAndRemovesTheTick()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "run-ps");

        await browser.SubmitTickAsync(await browser.GetDocumentAsync(Page), "run-ps", done: false);

        Assert.False((await browser.GetDocumentAsync(Page)).IsTicked("run-ps"));
        Assert.Empty(StoredTicks());
    }

    [Fact]
    public async Task Tick_TwiceTheSame_IsIdempotent()
    {
        var browser = Site.CreateBrowser();
        var page = await browser.GetDocumentAsync(Page);

        await browser.SubmitTickAsync(page, "run-ps", done: true);
        using var again = await browser.SubmitTickAsync(page, "run-ps", done: true);

        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Single(StoredTicks());
    }

    [Fact]
    public async Task SecondLearner_SeesNoneOfTheFirstLearnersTicks()
    {
        var first = Site.CreateBrowser();
        await first.TickAsync(Page, "explain-images");

        var second = await Site.CreateBrowser().GetDocumentAsync(Page);

        Assert.False(second.IsTicked("explain-images"));
        Assert.Equal("0 of 3 checked off", second.QuerySelector("[data-progress-text]")!.TextContent);
    }

    [Fact]
    public async Task Post_WithJsonAccept_ReturnsTheSavedStateAndProgress()
    {
        var browser = Site.CreateBrowser();

        using var response = await browser.SubmitTickAsync(await browser.GetDocumentAsync(Page), "run-ps", done: true, json: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"key":"run-ps","done":true,"progress":{"done":1,"total":3}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Toggle_UnknownItem_Returns404AndStoresNothing()
    {
        using var response = await SubmitTickFormAsync(form => ((IHtmlInputElement)form.QuerySelector("input[name=key]")!).Value = "no-such-item");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no such item", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(StoredTicks());
        Assert.Equal(0, Count("Learners"));
    }

    [Fact]
    public async Task Toggle_UnknownTutorial_Returns404AndStoresNothing()
    {
        using var response = await SubmitTickFormAsync(form => form.Action = "/docker/no-such-tutorial?handler=Tick");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(StoredTicks());
    }

    [Fact]
    public async Task Toggle_WithoutAntiforgeryToken_Returns400AndStoresNothing()
    {
        var browser = Site.CreateBrowser();
        await browser.GetDocumentAsync(Page); // has the antiforgery cookie, but sends no token

        using var response = await browser.PostAsync(Page + "?handler=Tick", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "run-ps", ["done"] = "true" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(StoredTicks());
    }

    [Fact]
    public async Task Toggle_WithAnotherBrowsersToken_Returns400AndStoresNothing()
    {
        var victim = Site.CreateBrowser();
        var attacker = Site.CreateBrowser();
        // The attacker's own token, from the confirmation form the site answers a token-less tick with.
        using var attackerAnswer = await attacker.SubmitAsync((await attacker.GetDocumentAsync(Page)).TickForm("run-ps"));
        var attackerForm = (IHtmlFormElement)(await Html.ParseAsync(attackerAnswer)).QuerySelector("form[data-confirm-tick]")!;
        await victim.GetDocumentAsync(Page);
        await victim.FetchTokenAsync(Page + "?handler=Tick"); // the victim has an antiforgery cookie of their own

        using var response = await victim.SubmitAsync(attackerForm);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(StoredTicks());
    }

    [Theory]
    [InlineData("", "true")]
    [InlineData("run-ps", "maybe")]
    public async Task Toggle_MalformedBody_Returns400AndStoresNothing(string key, string done)
    {
        using var response = await SubmitTickFormAsync(form =>
        {
            ((IHtmlInputElement)form.QuerySelector("input[name=key]")!).Value = key;
            var box = (IHtmlInputElement)form.QuerySelector("input[type=checkbox]")!;
            box.Value = done;
            box.IsChecked = true;
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(StoredTicks());
    }

    [Fact]
    public async Task Toggle_WithForgedLearnerCookie_CreatesANewLearnerInsteadOfAdoptingIt()
    {
        var browser = Site.CreateBrowser();
        var page = await browser.GetDocumentAsync(Page);
        var forged = new string('A', 43);
        browser.DefaultRequestHeaders.Add("Cookie", "learner=" + forged);

        using var response = await browser.SubmitTickAsync(page, "run-ps", done: true);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var learner = Assert.Single(Column("""SELECT "LearnerId" FROM "Ticks" """));
        Assert.NotEqual(forged, learner);
    }

    [Fact]
    public async Task Ticks_SurviveANewAppInstanceOnTheSameDatabase()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "explain-images");
        var learnerCookie = Site.Server.Services is not null ? await LearnerCookieOf(browser) : null;
        await Site.DisposeAsync();

        await using var restarted = new TutorialSiteFactory(Content.Root, Site.Database);
        var client = restarted.CreateBrowser();
        client.DefaultRequestHeaders.Add("Cookie", learnerCookie!);

        Assert.True((await client.GetDocumentAsync(Page)).IsTicked("explain-images"));
    }

    [Fact]
    public async Task ProgressPages_AfterATick_ShowTheLearnersProgressEverywhere()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "explain-images", "run-container", "run-ps");

        var home = await browser.GetDocumentAsync("/");
        var course = await browser.GetDocumentAsync("/docker");
        var progress = await browser.GetDocumentAsync("/progress");

        Assert.Contains("3 of 9 done", home.QuerySelector(".course-list")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Complete", course.QuerySelector(".tutorial-list li")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 of 12", progress.QuerySelector(".summary-figures")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_AfterConfirming_RemovesOnlyThisLearnersTicks()
    {
        var other = Site.CreateBrowser();
        await other.TickAsync(Page, "run-ps");
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "explain-images");

        var form = (IHtmlFormElement)(await browser.GetDocumentAsync("/progress")).QuerySelector(".reset form")!;
        using var response = await browser.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal([("docker", "images", "run-ps")], StoredTicks());
        Assert.Null((await browser.GetDocumentAsync("/progress")).QuerySelector(".reset"));
    }

    [Theory]
    [InlineData("/nope")]
    [InlineData("/docker/nope")]
    [InlineData("/docker/images/extra")]
    public async Task Get_UnknownPage_Returns404PageInTheSiteLayout(string url)
    {
        using var response = await Site.CreateBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("nav[aria-label=Main]"));
    }

    [Fact]
    public async Task Drafts_OutsideDevelopment_AreNeitherListedServedNorLinked()
    {
        await using var production = new TutorialSiteFactory(Content.Root, environment: "Production");
        var browser = production.CreateBrowser();

        using var draft = await browser.GetAsync("/docker/draft-work");
        var course = await browser.GetDocumentAsync("/docker");
        var previous = await browser.GetDocumentAsync("/docker/volumes");

        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        Assert.DoesNotContain("/docker/draft-work", course.QuerySelectorAll(".tutorial-list a").Select(a => a.GetAttribute("href")));
        Assert.Equal("/docker/images", previous.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Drafts_InDevelopment_AreServedAndMarked()
    {
        var page = await Site.CreateBrowser().GetDocumentAsync("/docker/draft-work");

        Assert.Contains("Draft", page.QuerySelector(".badge")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Layout_NavigatesToEveryCourse_AndToTheListOfAllCourses()
    {
        var page = await Site.CreateBrowser().GetDocumentAsync("/");

        Assert.Equal(["/courses", "/docker", "/git"], page.QuerySelectorAll("nav[aria-label=Main] .dropdown-item").Select(a => a.GetAttribute("href")));
        Assert.Equal("All courses (2)", page.QuerySelector("nav[aria-label=Main] .all-courses")!.TextContent);
    }

    private async Task<string> LearnerCookieOf(HttpClient browser)
    {
        // The client's cookie container is private; ask the page what cookie the last tick set instead.
        using var response = await browser.SubmitTickAsync(await browser.GetDocumentAsync(Page), "explain-images", done: true);
        var id = Column("""SELECT "Id" FROM "Learners" """).Single();
        return "learner=" + id;
    }

    private List<(string, string, string)> StoredTicks()
    {
        using var connection = Site.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "CourseSlug", "TutorialSlug", "ItemKey" FROM "Ticks" ORDER BY 1, 2, 3""";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return rows;
    }

    private List<string> Column(string sql) => Site.Database.Column(sql);

    private long Count(string table) => Site.Database.Scalar($"""SELECT COUNT(*) FROM "{table}" """);

    /// <summary>A new reader's tick form for run-ps, as <paramref name="change"/> leaves it, submitted without JavaScript.</summary>
    private async Task<HttpResponseMessage> SubmitTickFormAsync(Action<IHtmlFormElement> change)
    {
        var browser = Site.CreateBrowser();
        var form = (await browser.GetDocumentAsync(Page)).TickForm("run-ps");
        change(form);
        return await browser.SubmitAsync(form);
    }
}
