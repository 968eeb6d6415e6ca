using TutorialSite.Web.Content;
using TutorialSite.Web.Content.Markdown.RawHtml;

namespace TutorialSite.Tests.Pages;

/// <summary>
/// Raw HTML may not take an id the site's pages use (<see cref="RawHtmlPolicy.SiteIds"/>): that list must name every
/// id the pages give their own elements, or content could take one.
/// </summary>
public sealed class SiteIdsTests : SiteOnSampleContent
{
    [Theory]
    [InlineData("/")]
    [InlineData("/docker")]
    [InlineData("/docker/images")]
    [InlineData("/progress")]
    [InlineData("/search?q=docker")]
    [InlineData("/tags")]
    [InlineData("/tags/docker")]
    [InlineData("/courses")]
    [InlineData("/docker/no-such-tutorial")]
    public async Task Get_Page_EveryIdOutsideTheContentIsReservedFromRawHtml(string path)
    {
        var browser = Site.CreateBrowser();
        // A learner sees the most: tick something first so progress parts of the pages are there.
        var tutorial = await browser.GetDocumentAsync("/docker/images");
        await browser.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)tutorial.QuerySelector("form.tick-form")!);
        var contentIds = ContentLoader.Load(Content.Root, includeDrafts: true).Tutorials.SelectMany(t => t.Anchors).ToHashSet();

        // The 404 page too: parsed whatever the status.
        using var response = await browser.GetAsync(path);
        var page = await Html.ParseAsync(response);

        var own = page.QuerySelectorAll("[id]").Select(e => e.Id!).Where(id => !contentIds.Contains(id));
        Assert.All(own, id => Assert.True(RawHtmlPolicy.IsSiteId(id), $"`{id}` on {path} is not in RawHtmlPolicy.SiteIds"));
    }
}
