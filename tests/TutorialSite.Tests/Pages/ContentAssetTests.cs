using System.Net;

namespace TutorialSite.Tests.Pages;

/// <summary>An image beside the Markdown answers wherever <c>check</c> accepts it, and only there.</summary>
public sealed class ContentAssetTests : SiteOnSampleContent
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public ContentAssetTests()
    {
        Content.WriteBytes("docker/diagram.png", Png);
        Content.WriteBytes("docker/images/nested.png", Png);
        Content.WriteBytes("docker/notes.bmp", Png);
        Content.WriteBytes("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray());
        Content.Write("docker/09-pictures.md", """
            ---
            title: Pictures
            ---

            ![In the course folder](diagram.png)

            ![In a subfolder](images/nested.png)

            ![Not an image type the site serves](notes.bmp)

            ![At the content root](/logo.svg)

            <img src="diagram.png" alt="Raw HTML, same folder"> <img src="missing.png" alt="Raw HTML, missing">
            """);
    }

    [Fact]
    public async Task Get_EachImage_AnswersExactlyWhenCheckAcceptsIt()
    {
        var snapshot = ContentLoader.Load(Content.Root, includeDrafts: true);
        var tutorial = snapshot.FindTutorial("docker", "pictures")!;
        var refused = snapshot.Problems.Where(p => p.Path == tutorial.SourcePath && p.Rule == Rules.MissingImage).Select(p => (p.Line, p.Column)).ToHashSet();
        var browser = Site.CreateBrowser();

        foreach (var image in tutorial.Links.Where(l => l.IsImage))
        {
            var address = new Uri(new Uri("http://site/docker/pictures"), image.Target).AbsolutePath;
            using var response = await browser.GetAsync(address);

            var accepted = !refused.Contains((image.Line, image.Column));
            Assert.True(accepted == (response.StatusCode == HttpStatusCode.OK), $"{image.Url} ({address}): check {(accepted ? "accepts" : "refuses")} it, the site answers {(int)response.StatusCode}");
        }
        Assert.Equal(2, refused.Count); // notes.bmp and missing.png
    }

    [Theory]
    [InlineData("/docker/diagram.png", "image/png")]
    [InlineData("/docker/images/nested.png", "image/png")]
    [InlineData("/logo.svg", "image/svg+xml")]
    public async Task Get_ImageInACourseFolderOrBelow_IsServedNotTakenForAPage(string address, string type)
    {
        using var response = await Site.CreateBrowser().GetAsync(address);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_PagesStillAnswer_WithTheSlugConstraintOnTheirRoutes()
    {
        var browser = Site.CreateBrowser();

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/docker")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/docker/pictures")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/docker/notes.bmp")).StatusCode);
    }
}
