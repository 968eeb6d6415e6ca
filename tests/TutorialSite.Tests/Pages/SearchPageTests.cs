using System.Net;

namespace TutorialSite.Tests.Pages;

/// <summary>The search page without JavaScript: a plain GET form, and clear pages for odd queries.</summary>
public sealed class SearchPageTests : SiteOnRepositoryContent
{
    [Fact]
    public async Task Search_SubmittingTheForm_ListsRankedResultsWithCourseAndSnippet()
    {
        var browser = Site.CreateBrowser();
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await browser.GetDocumentAsync("/search")).QuerySelector("main form[role=search]")!;
        ((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector("#q")!).Value = "writable layer";

        var results = await browser.GetDocumentAsync(new Uri(form.GetSubmission()!.Target.Href).PathAndQuery);

        var first = results.QuerySelector(".search-results li")!;
        Assert.Equal("/docker/images-vs-containers", first.QuerySelector(".result-title a")!.GetAttribute("href"));
        Assert.Equal(("/docker", "Docker"), (first.QuerySelector(".result-course")!.GetAttribute("href"), first.QuerySelector(".result-course")!.TextContent));
        Assert.NotNull(first.QuerySelector(".result-summary mark"));
        Assert.Contains("#docker", first.QuerySelectorAll(".result-tags a").Select(a => a.TextContent));
    }

    /// <summary>Odd searches, and what the results' place says to each.</summary>
    public static TheoryData<string, string> OddQueries => new()
    {
        { "/search", "Type a word" }, // no query
        { "/search?q=", "Type a word" }, // an empty one
        { "/search?q=zzzqqqxxx", "No tutorial matches" }, // no word, nor a near spelling, of any tutorial
        { "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "" }, // markup: shown as text, never run
        { "/search?q=docker&course=%00&tag=%3Cb%3E", "No tutorial matches" }, // filters that name no course or tag: a NUL, markup
    };

    [Theory]
    [MemberData(nameof(OddQueries))]
    public async Task Search_OddQueries_GetAClearPage(string url, string message)
    {
        var page = await Site.CreateBrowser().GetDocumentAsync(url);

        Assert.Contains(message, page.QuerySelector("#search-results")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("#search-results script"));
    }

    [Fact]
    public async Task Search_AVeryLongQuery_IsCutAndSaysSo()
    {
        using var response = await Site.CreateBrowser().GetAsync("/search?q=" + string.Concat(Enumerable.Repeat("docker ", 2000)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Only the first 200 characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_AWordNoTutorialHas_ShowsResultsForItsNearSpelling_WithALinkToTheWordsAsTyped()
    {
        var browser = Site.CreateBrowser();

        var page = await browser.GetDocumentAsync("/search?q=contaner&course=docker");

        var correction = page.QuerySelector("#search-results .search-correction")!;
        Assert.Contains("Showing results for container", correction.TextContent, StringComparison.Ordinal);
        Assert.Contains("results for “container” (instead of “contaner”)", page.QuerySelector("#search-results [role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll(".search-results li"));

        var asTyped = await browser.GetDocumentAsync(correction.QuerySelector("a")!.GetAttribute("href")!);

        Assert.Null(asTyped.QuerySelector(".search-correction"));
        Assert.Contains("No tutorial matches “contaner”", asTyped.QuerySelector("#search-results")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("contaner", ((AngleSharp.Html.Dom.IHtmlInputElement)asTyped.QuerySelector("#q")!).Value);
        Assert.Equal("docker", ((AngleSharp.Html.Dom.IHtmlSelectElement)asTyped.QuerySelector("#course")!).Value);
    }

    [Fact]
    public async Task Search_AWordTutorialsHave_ShowsNoCorrection()
    {
        var page = await Site.CreateBrowser().GetDocumentAsync("/search?q=container");

        Assert.Null(page.QuerySelector(".search-correction"));
    }
}
