using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace TutorialSite.Tests.Pages;

/// <summary>The operator's site file on the pages, the courses index, and the 404 page's ways on.</summary>
public sealed class SiteIdentityPageTests : SiteOnSampleContent
{
    public SiteIdentityPageTests()
    {
        Content.WriteBytes("logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray());
        Content.Write("site.yml", """
            name: Contoso Academy
            tagline: Cloud skills for the whole team
            logo: logo.svg
            accent: "#5b21b6"
            contact: learning@contoso.example
            footer_links:
              - text: Privacy
                url: https://contoso.example/privacy
            intro: Learn **Azure** with us.
            """);
    }

    [Fact]
    public async Task Pages_ShowTheOperatorsNameLogoIntroFooterAndAccent()
    {
        var browser = Site.CreateBrowser();
        var home = await browser.GetDocumentAsync("/");
        var tutorial = await browser.GetDocumentAsync("/docker/images");

        Assert.Equal("Contoso Academy: Cloud skills for the whole team", home.Title);
        Assert.Equal("Images · Contoso Academy", tutorial.Title);
        Assert.Equal("Contoso Academy", tutorial.QuerySelector(".brand-name")!.TextContent);
        Assert.Equal("/logo.svg", tutorial.QuerySelector(".brand img")!.GetAttribute("src"));
        Assert.Equal("Learn Azure with us.", home.QuerySelector(".hero .lead")!.TextContent.Trim());
        Assert.Contains("4 tutorials in 2 courses", home.QuerySelector(".hero-stats")!.TextContent, StringComparison.Ordinal); // Development counts the draft
        var footer = tutorial.QuerySelectorAll(".site-footer a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal("https://contoso.example/privacy", footer["Privacy"]);
        Assert.Equal("mailto:learning@contoso.example", footer["Contact"]);

        var theme = tutorial.QuerySelector("link[href^='/site-theme.css?v=']")!.GetAttribute("href")!;
        using var css = await browser.GetAsync(theme);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains("--site-accent: #5b21b6;", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("immutable", css.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StructuredData_NamesTheOperatorAsTheCoursesProvider()
    {
        var browser = Site.CreateBrowser();

        foreach (var path in new[] { "/docker", "/docker/images" })
        {
            var page = await browser.GetDocumentAsync(path);
            var items = page.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent).RootElement.Clone()).ToList();
            var course = items.Select(i => i.GetProperty("@type").GetString() == "Course" ? i : i.TryGetProperty("isPartOf", out var c) ? c : default)
                .Single(i => i.ValueKind == JsonValueKind.Object);
            Assert.Equal("Contoso Academy", course.GetProperty("provider").GetProperty("name").GetString());
            Assert.DoesNotContain("TutorialSite", page.Head!.InnerHtml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Feed_IsTitledAndAuthoredWithTheOperatorsName()
    {
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await Site.CreateBrowser().GetStringAsync("/feed.xml")).Root!;

        Assert.Equal("Contoso Academy: new and updated tutorials", feed.Element(atom + "title")!.Value);
        Assert.Equal("Contoso Academy", feed.Element(atom + "author")!.Element(atom + "name")!.Value);
    }

    [Fact]
    public async Task WithoutASiteFile_TheDefaultsShow_AndNoThemeIsRequested()
    {
        using var plain = TempContent.Sample();
        using var defaults = new TutorialSiteFactory(plain.Root);
        var browser = defaults.CreateBrowser();

        var home = await browser.GetDocumentAsync("/");
        using var theme = await browser.GetAsync("/site-theme.css");

        Assert.Equal("TutorialSite", home.QuerySelector(".brand-name")!.TextContent);
        Assert.Null(home.QuerySelector("link[href^='/site-theme.css']"));
        Assert.Equal(HttpStatusCode.NotFound, theme.StatusCode);
    }

    [Fact]
    public async Task Courses_ListsEveryCourseWithItsCountsAndTime()
    {
        var page = await Site.CreateBrowser().GetDocumentAsync("/courses");

        Assert.Equal(["/docker", "/git"], page.QuerySelectorAll(".course-card-title a").Select(a => a.GetAttribute("href")));
        Assert.Contains("3 tutorials", page.QuerySelector(".course-card-meta")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 min", page.QuerySelector(".course-card-meta")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/docker/no-such-tutorial", "/docker")]
    [InlineData("/nowhere/at-all", null)]
    public async Task NotFound_OffersSearch_AndTheCourseItsAddressIsUnder(string path, string? course)
    {
        using var response = await Site.CreateBrowser().GetAsync(path);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(page.QuerySelector("main form[role=search][action='/search'] input[name=q]"));
        Assert.Equal(course, page.QuerySelector(".not-found a.btn-primary")?.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector(".not-found a[href='/courses']"));
    }
}
