using System.Net;
using System.Security.Cryptography;

namespace TutorialSite.Tests.Pages;

/// <summary>The repository's own content and web root, served the way `dotnet run` serves them.</summary>
[Trait("Database", TestDatabase.OnBothProviders)]
public sealed class SampleSiteTests() : SiteOnRepositoryContent("Development")
{
    [Fact]
    public async Task EveryCourseAndTutorial_RendersWithItsSections()
    {
        var browser = Site.CreateBrowser();
        var home = await browser.GetDocumentAsync("/");
        var courses = home.QuerySelectorAll(".course-list h3 a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.True(courses.Count >= 3);

        foreach (var course in courses)
        {
            var coursePage = await browser.GetDocumentAsync(course);
            foreach (var tutorial in coursePage.QuerySelectorAll(".tutorial-list a").Select(a => a.GetAttribute("href")!))
            {
                var page = await browser.GetDocumentAsync(tutorial);
                Assert.True(page.QuerySelectorAll("form[data-tick-form]").Length >= 5, tutorial);
                Assert.NotEmpty(page.QuerySelectorAll("details.faq-item"));
                Assert.NotEmpty(page.QuerySelectorAll("ul.mistakes > li"));
            }
        }
    }

    [Theory]
    [InlineData("link[rel=stylesheet][href*='bootstrap.min']", "sRIl4kxILFvY47J16cr9ZwB07vP4J8+LH7qKQnuqkuIAvNWLzeN8tE5YBujZqJLB")]
    public async Task Bootstrap_LinkedLocally_IsByteIdenticalToTheRelease(string selector, string sha384)
    {
        var browser = Site.CreateBrowser();
        var element = (await browser.GetDocumentAsync("/")).QuerySelector(selector)!;
        var url = element.GetAttribute("href") ?? element.GetAttribute("src")!;

        Assert.StartsWith("/lib/bootstrap/", url, StringComparison.Ordinal);
        using var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sha384, Convert.ToBase64String(SHA384.HashData(await response.Content.ReadAsByteArrayAsync())));
    }

    [Theory]
    [InlineData("link[rel=stylesheet][href^='/css/site']")]
    [InlineData("script[src^='/js/site']")]
    public async Task SiteAssets_AreLinkedByFingerprintedUrls(string selector)
    {
        var browser = Site.CreateBrowser();
        var element = (await browser.GetDocumentAsync("/")).QuerySelector(selector)!;
        var url = element.GetAttribute("href") ?? element.GetAttribute("src")!;

        using var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^/(css|js)/site\.[a-z0-9]+\.(css|js)$", url);
    }
}
