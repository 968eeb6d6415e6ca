using TutorialSite.Web.Content.Markdown.RawHtml;

namespace TutorialSite.Tests.Pages;

/// <summary>
/// Raw HTML may not take an id the site's pages use (<see cref="RawHtmlPolicy.SiteIds"/>): that list must name every
/// id the pages give their own elements, or content could take one.
/// </summary>
public sealed class SiteIdsTests : SiteOnSampleContent
{
    /// <summary>One address of every page type, the 404 page too.</summary>
    private static readonly string[] PageTypes =
        ["/", "/docker", "/docker/images", "/progress", "/search?q=docker", "/tags", "/tags/docker", "/courses", "/docker/no-such-tutorial"];

    [Fact]
    public async Task Get_EveryPageType_EveryIdOutsideTheContentIsReservedFromRawHtml()
    {
        var browser = Site.CreateBrowser();
        // A learner sees the most: tick something first so progress parts of the pages are there.
        await browser.TickAsync(Page, "explain-images");
        var contentIds = LoadContent(includeDrafts: true).Tutorials.SelectMany(t => t.Anchors).ToHashSet();

        foreach (var path in PageTypes)
        {
            // The 404 page too: parsed whatever the status.
            using var response = await browser.GetAsync(path);
            var page = await Html.ParseAsync(response);

            var own = page.QuerySelectorAll("[id]").Select(e => e.Id!).Where(id => !contentIds.Contains(id));
            Assert.All(own, id => Assert.True(RawHtmlPolicy.IsSiteId(id), $"`{id}` on {path} is not in RawHtmlPolicy.SiteIds"));
        }
    }
}
