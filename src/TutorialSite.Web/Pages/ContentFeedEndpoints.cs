using System.Xml.Linq;
using TutorialSite.Web.Content;

namespace TutorialSite.Web.Pages;

/// <summary>
/// <c>/sitemap.xml</c>, <c>/feed.xml</c> and <c>/robots.txt</c> (<see cref="ContentFeeds"/>). Absolute URLs follow the
/// request's scheme and host, which trusted proxies or <c>Site__PublicBaseUrl</c> set.
/// </summary>
public static class ContentFeedEndpoints
{
    public static IEndpointRouteBuilder MapContentFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sitemap.xml", (HttpContext context, ContentStore store) =>
            Xml(ContentFeeds.SitemapOf(store.Current, BaseUrl(context)), "application/xml"));
        app.MapGet("/feed.xml", (HttpContext context, ContentStore store) =>
            Xml(ContentFeeds.FeedOf(store.Current, BaseUrl(context)), "application/atom+xml"));
        app.MapGet("/robots.txt", (HttpContext context) => Results.Text(ContentFeeds.RobotsOf(BaseUrl(context)), "text/plain; charset=utf-8"));
        return app;
    }

    /// <summary>The scheme and host this request came to, as every absolute URL the site writes takes them.</summary>
    public static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private static IResult Xml(XDocument document, string contentType) =>
        Results.Text(document.Declaration is null ? "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + document : document.ToString(), contentType + "; charset=utf-8");
}
