namespace TutorialSite.Tests.Pages;

/// <summary>"Edit this page": shown only when <c>Site__RepositoryUrl</c> is set, and only to a safe address.</summary>
public sealed class EditLinkTests() : SiteOnSampleContent("Production")
{
    [Fact]
    public async Task WithRepositoryUrl_TutorialAndCoursePagesLinkToTheirFiles()
    {
        using var site = SiteWith(RepositoryUrl, "https://github.com/org/repo/edit/main/content/");
        var browser = site.CreateBrowser();

        var tutorial = await browser.GetDocumentAsync(Page);
        var course = await browser.GetDocumentAsync("/docker");

        Assert.Equal("https://github.com/org/repo/edit/main/content/docker/01-images.md", tutorial.QuerySelector(".edit-page a")!.GetAttribute("href"));
        Assert.Equal("https://github.com/org/repo/edit/main/content/docker/_index.md", course.QuerySelector(".edit-page a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task WithoutRepositoryUrl_PagesHaveNoEditLink()
    {
        var browser = Site.CreateBrowser();

        Assert.Null((await browser.GetDocumentAsync(Page)).QuerySelector(".edit-page"));
        Assert.Null((await browser.GetDocumentAsync("/docker")).QuerySelector(".edit-page"));
    }

    [Theory]
    [InlineData("javascript:alert(1)//")]
    [InlineData("ftp://example.org/content")]
    [InlineData("github.com/org/repo/edit/main/content")]
    [InlineData("https://example.org/edit?path=")]
    public void UnsafeOrRelativeRepositoryUrl_IsRefusedAtStart(string url)
    {
        using var site = SiteWith(RepositoryUrl, url);

        var error = Assert.Throws<InvalidOperationException>(() => site.CreateClient());

        Assert.Contains("Site__RepositoryUrl", error.Message, StringComparison.Ordinal);
    }

    private const string RepositoryUrl = "Site:RepositoryUrl";
}
