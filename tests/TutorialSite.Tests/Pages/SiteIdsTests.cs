using TutorialSite.Web.Content;
using TutorialSite.Web.Content.Markdown.RawHtml;

namespace TutorialSite.Tests.Pages;

/// <summary>
/// Raw HTML may not take an id the site's pages use (<see cref="RawHtmlPolicy.SiteIds"/>): that list must name every
/// id the pages give their own elements, or content could take one.
/// </summary>
public sealed class SiteIdsTests : IDisposable
{
    private readonly TempContent content = TempContent.Sample();
    private readonly TutorialSiteFactory site;

    public SiteIdsTests() => site = new TutorialSiteFactory(content.Root);

    public void Dispose()
    {
        site.Dispose();
        content.Dispose();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/docker")]
    [InlineData("/docker/images")]
    [InlineData("/progress")]
    [InlineData("/search?q=docker")]
    [InlineData("/tags")]
    [InlineData("/tags/docker")]
    public async Task Get_Page_EveryIdOutsideTheContentIsReservedFromRawHtml(string path)
    {
        var browser = site.CreateBrowser();
        // A learner sees the most: tick something first so progress parts of the pages are there.
        var tutorial = await browser.GetDocumentAsync("/docker/images");
        await browser.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)tutorial.QuerySelector("form.tick-form")!);
        var contentIds = ContentLoader.Load(content.Root, includeDrafts: true).Tutorials.SelectMany(t => t.Anchors).ToHashSet();

        var page = await browser.GetDocumentAsync(path);

        var own = page.QuerySelectorAll("[id]").Select(e => e.Id!).Where(id => !contentIds.Contains(id));
        Assert.All(own, id => Assert.True(RawHtmlPolicy.IsSiteId(id), $"`{id}` on {path} is not in RawHtmlPolicy.SiteIds"));
    }
}
