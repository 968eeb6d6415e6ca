using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.Time.Testing;

namespace TutorialSite.Tests.Pages;

/// <summary>
/// Spaced review of Key Takeaways (/review): the clock is a <see cref="FakeTimeProvider"/> the tests move through
/// the whole schedule (3, 7, 21, then every 60 days), answering with plain forms and with fetch.
/// </summary>
[Trait("Database", TestDatabase.OnBothProviders)]
public sealed class ReviewTests() : SiteOnSampleContent("Production")
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    protected override TimeProvider Clock => clock;

    [Fact]
    public async Task TickedTakeaway_ComesBackAfter3Then7Then21ThenEvery60Days_AndPracticeTasksNever()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "explain-images", "run-ps");

        foreach (var days in new[] { 3, 7, 21, 60, 60 })
        {
            // Each wait counts from the tick, then from the last answer.
            clock.Advance(TimeSpan.FromDays(days) - TimeSpan.FromMinutes(1));
            Assert.Empty(await DueKeysAsync(browser));
            Assert.Contains("falls due in less than a day", (await browser.GetDocumentAsync("/review")).QuerySelector(".review-empty")!.TextContent, StringComparison.Ordinal);
            Assert.Null((await browser.GetDocumentAsync("/")).QuerySelector(".review-due"));

            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(["explain-images"], await DueKeysAsync(browser));
            Assert.Equal("1 takeaway to review", (await browser.GetDocumentAsync("/")).QuerySelector(".review-due a")!.TextContent);
            Assert.Equal("1 takeaway to review", (await browser.GetDocumentAsync("/progress")).QuerySelector(".review-due a")!.TextContent);

            clock.Advance(TimeSpan.FromHours(5)); // answered later that day
            using var answered = await AnswerAsync(browser, "explain-images", "still-true");
            Assert.Equal(HttpStatusCode.SeeOther, answered.StatusCode);
            Assert.Equal("/review", answered.Headers.Location?.OriginalString);
        }
        var empty = (await browser.GetDocumentAsync("/review")).QuerySelector(".review-empty")!.TextContent;
        Assert.Contains("falls due in 60 days", empty, StringComparison.Ordinal);
        Assert.Equal(5L, Site.Database.Scalar("""SELECT "StillTrue" FROM "Reviews" """));
        Assert.Equal(3L, Site.Database.Scalar("""SELECT "Box" FROM "Reviews" """));
    }

    [Fact]
    public async Task NotAnymore_UnticksSendsToTheItem_AndTheNextTickStartsTheScheduleAgain()
    {
        var browser = await LearnerWhoTickedAsync(3, "explain-images");
        (await AnswerAsync(browser, "explain-images", "still-true")).Dispose();
        clock.Advance(TimeSpan.FromDays(7));

        using var answered = await AnswerAsync(browser, "explain-images", "not-anymore");

        Assert.Equal(HttpStatusCode.SeeOther, answered.StatusCode);
        Assert.Equal("/docker/images#item-explain-images", answered.Headers.Location?.OriginalString);
        Assert.False((await browser.GetDocumentAsync(Page)).IsTicked("explain-images"));
        Assert.Empty(await DueKeysAsync(browser));
        Assert.Contains("Tick the Key Takeaways", (await browser.GetDocumentAsync("/review")).QuerySelector(".review-empty")!.TextContent, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromDays(1));
        await browser.TickAsync(Page, "explain-images");
        clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        Assert.Empty(await DueKeysAsync(browser));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["explain-images"], await DueKeysAsync(browser));
        Assert.Equal(1L, Site.Database.Scalar("""SELECT "NotAnymore" FROM "Reviews" """));
        Assert.Equal(1L, Site.Database.Scalar("""SELECT "StillTrue" FROM "Reviews" """));
    }

    [Fact]
    public async Task Answer_WithJavaScript_SaysWhenItComesBack_AndASecondAnswerIsRefused()
    {
        var browser = await LearnerWhoTickedAsync(4, "explain-images", "run-container");
        var review = await browser.GetDocumentAsync("/review");

        using var first = await AnswerAsync(browser, "explain-images", "still-true", json: true, page: review);
        using var again = await AnswerAsync(browser, "explain-images", "still-true", json: true, page: review);
        using var notAnymore = await AnswerAsync(browser, "run-container", "not-anymore", json: true, page: review);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var json = System.Text.Json.JsonDocument.Parse(await first.Content.ReadAsStringAsync()))
        {
            Assert.Equal("in 7 days", json.RootElement.GetProperty("next").GetString());
        }
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using (var json = System.Text.Json.JsonDocument.Parse(await notAnymore.Content.ReadAsStringAsync()))
        {
            Assert.Equal("/docker/images#item-run-container", json.RootElement.GetProperty("section").GetString());
        }
        Assert.Equal(1L, Site.Database.Scalar("""SELECT "StillTrue" FROM "Reviews" WHERE "ItemKey" = 'explain-images'"""));
    }

    [Theory]
    [InlineData("course=docker&tutorial=images&key=explain-images&answer=maybe", HttpStatusCode.BadRequest)]
    [InlineData("course=docker&tutorial=images&answer=still-true", HttpStatusCode.BadRequest)]
    [InlineData("course=docker&tutorial=images&key=run-ps&answer=still-true", HttpStatusCode.SeeOther)]
    [InlineData("course=docker&tutorial=images&key=no-such-item&answer=not-anymore", HttpStatusCode.SeeOther)]
    [InlineData("course=nope&tutorial=gone&key=explain-images&answer=still-true", HttpStatusCode.SeeOther)]
    public async Task Answer_BadOrNotDue_IsRefusedClearlyAndStoresNothing(string form, HttpStatusCode expected)
    {
        var browser = await LearnerWhoTickedAsync(4, "explain-images", "run-ps");
        var token = (await browser.GetDocumentAsync("/review")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");

        using var response = await browser.PostAsync("/review?handler=Answer",
            new StringContent($"{form}&__RequestVerificationToken={Uri.EscapeDataString(token!)}", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0L, Site.Database.Scalar("""SELECT COUNT(*) FROM "Reviews" """));
        Assert.True((await browser.GetDocumentAsync(Page)).IsTicked("run-ps"));
    }

    [Fact]
    public async Task Review_ShowsAtMost20AVisit_OldestDueFirst_WithTextTutorialCourseAndLink()
    {
        Content.Write("git/02-many.md", TempContent.Tutorial("Many", takeaways: string.Concat(Enumerable.Range(1, 25).Select(i => $"- I can do thing {i}. {{#thing-{i}}}\n"))));
        var browser = Site.CreateBrowser();
        var page = await browser.GetDocumentAsync("/git/many");
        foreach (var i in Enumerable.Range(1, 25).Reverse())
        {
            await browser.SubmitTickAsync(page, $"thing-{i}", done: true);
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        clock.Advance(TimeSpan.FromDays(3));

        var review = await browser.GetDocumentAsync("/review");

        var items = review.QuerySelectorAll(".review-item");
        Assert.Equal(20, items.Length);
        Assert.Equal("25 takeaways to review, 20 this visit.", review.QuerySelector("[data-review-count]")!.TextContent);
        Assert.Equal("I can do thing 25.", items[0].QuerySelector(".review-text")!.TextContent.Trim());
        Assert.Equal("/git/many#item-thing-25", items[0].QuerySelector(".review-source a")!.GetAttribute("href"));
        Assert.Contains("Many", items[0].QuerySelector(".review-source")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("in Git", items[0].QuerySelector(".review-source")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("noindex", review.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task RewordedItem_KeptOrFormerKey_KeepsItsSchedule()
    {
        var browser = await LearnerWhoTickedAsync(3, "explain-images", "run-container");
        (await AnswerAsync(browser, "explain-images", "still-true")).Dispose();
        (await AnswerAsync(browser, "run-container", "still-true")).Dispose();

        Content.Write("docker/01-images.md", TempContent.Tutorial("Images",
            takeaways: "- I can explain layers. {#explain-layers was explain-images}\n- I can run a container, named. {#run-container}\n"));
        await Eventually.EditServedAsync(async () => (await browser.GetDocumentAsync(Page)).QuerySelector("#item-explain-layers") is not null);
        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Empty(await DueKeysAsync(browser));
        clock.Advance(TimeSpan.FromMinutes(1));

        var review = await browser.GetDocumentAsync("/review");
        Assert.Equal(["explain-layers", "run-container"], Keys(review));
        Assert.Contains("I can explain layers.", review.QuerySelector(".review-text")!.TextContent, StringComparison.Ordinal);
        (await AnswerAsync(browser, "explain-layers", "still-true")).Dispose();
        Assert.Equal(["run-container"], await DueKeysAsync(browser));
    }

    [Fact]
    public async Task RemovedItem_LeavesTheReview_ItsHistoryStays()
    {
        var browser = await LearnerWhoTickedAsync(3, "explain-images");
        (await AnswerAsync(browser, "explain-images", "still-true")).Dispose();

        Content.Write("docker/01-images.md", TempContent.Tutorial("Images", takeaways: "- I can run a container. {#run-container}\n"));
        await Eventually.EditServedAsync(async () => (await browser.GetDocumentAsync(Page)).QuerySelector("#item-explain-images") is null);
        clock.Advance(TimeSpan.FromDays(30));

        Assert.Empty(await DueKeysAsync(browser));
        Assert.Null((await browser.GetDocumentAsync("/")).QuerySelector(".review-due"));
        Assert.Equal(1L, Site.Database.Scalar("""SELECT COUNT(*) FROM "Reviews" WHERE "ItemKey" = 'explain-images'"""));
    }

    [Fact]
    public async Task Reviews_TravelWithExportImportAndTheDeviceCode_AndResetRemovesThem()
    {
        var first = await LearnerWhoTickedAsync(3, "explain-images", "run-container");
        (await AnswerAsync(first, "explain-images", "still-true")).Dispose();
        using var export = await first.GetAsync("/progress?handler=Export");
        var file = await export.Content.ReadAsByteArrayAsync();
        Assert.Contains("\"reviews\"", Encoding.UTF8.GetString(file), StringComparison.Ordinal);

        // Another browser imports the file: explain-images is in its second box, run-container due since its tick.
        var second = Site.CreateBrowser();
        await second.ImportAsync(file);
        Assert.Equal(["run-container"], await DueKeysAsync(second));
        clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(["run-container", "explain-images"], await DueKeysAsync(second));

        // A third, linked by a device code, shares the learner and so the reviews.
        var code = await first.NewCodeAsync();
        var third = Site.CreateBrowser();
        await third.LinkAsync(code);
        Assert.Equal(["run-container", "explain-images"], await DueKeysAsync(third));

        var reset = (IHtmlFormElement)(await first.GetDocumentAsync("/progress")).QuerySelector("form[action*=Reset]")!;
        (await first.SubmitAsync(reset)).Dispose();
        Assert.Empty(await DueKeysAsync(third));
        Assert.Equal(1L, Site.Database.Scalar("""SELECT COUNT(*) FROM "Reviews" """)); // the second browser's, imported
    }

    /// <summary>A new learner who ticked <paramref name="keys"/> on <see cref="SiteOnSampleContent.Page"/>, <paramref name="daysAgo"/> days ago by the clock.</summary>
    private async Task<HttpClient> LearnerWhoTickedAsync(int daysAgo, params string[] keys)
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, keys);
        clock.Advance(TimeSpan.FromDays(daysAgo));
        return browser;
    }

    private static async Task<IReadOnlyList<string>> DueKeysAsync(HttpClient browser) => Keys(await browser.GetDocumentAsync("/review"));

    private static IReadOnlyList<string> Keys(IHtmlDocument review) =>
        [.. review.QuerySelectorAll(".review-item input[name=key]").Select(i => i.GetAttribute("value")!)];

    /// <summary>Clicks "Still true" or "Not anymore" on the review page's form for <paramref name="key"/>.</summary>
    private static async Task<HttpResponseMessage> AnswerAsync(HttpClient browser, string key, string answer, bool json = false, IHtmlDocument? page = null)
    {
        page ??= await browser.GetDocumentAsync("/review");
        var form = page.QuerySelectorAll("form[data-review-form]").Cast<IHtmlFormElement>()
            .Single(f => f.QuerySelector("input[name=key]")!.GetAttribute("value") == key);
        return await browser.SubmitAsync(form, json, submitter: form.QuerySelector($"button[value={answer}]"));
    }
}
