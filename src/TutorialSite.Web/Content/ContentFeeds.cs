using System.Globalization;
using System.Xml.Linq;

namespace TutorialSite.Web.Content;

/// <summary>
/// The content for machines: <c>/sitemap.xml</c> (every published course and tutorial, with <c>lastmod</c> from
/// <c>updated</c>), <c>/feed.xml</c> (an Atom feed of tutorials, newest first, titled and authored with the
/// operator's site name from <c>site.yml</c>) and <c>/robots.txt</c> (naming the sitemap), as documents built from a
/// snapshot and a base URL. Served by <c>Pages/ContentFeedEndpoints</c>, which takes the base URL from the request.
/// </summary>
public static class ContentFeeds
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>
    /// Everything may be crawled (personal, search and error pages say <c>noindex</c> themselves, which a crawler must be
    /// allowed to read); the sitemap is named by its absolute URL, as the robots.txt standard (RFC 9309) asks.
    /// </summary>
    public static string RobotsOf(string baseUrl) => $"User-agent: *\nAllow: /\n\nSitemap: {baseUrl}/sitemap.xml\n";

    public static XDocument SitemapOf(ContentSnapshot content, string baseUrl) =>
        new(new XElement(Sitemap + "urlset",
            Url(baseUrl + "/", null),
            content.Courses.Select(c => Url($"{baseUrl}/{c.Slug}", c.Tutorials.Max(t => t.Updated))),
            content.Tutorials.Where(t => !t.Draft).Select(t => Url($"{baseUrl}/{t.CourseSlug}/{t.Slug}", t.Updated))));

    public static XDocument FeedOf(ContentSnapshot content, string baseUrl)
    {
        var tutorials = content.Tutorials.Where(t => !t.Draft)
            .OrderByDescending(t => t.Updated ?? DateOnly.MinValue).ThenBy(t => t.Title, StringComparer.Ordinal)
            .Take(50).ToList();
        var newest = tutorials.Select(t => t.Updated).Max() ?? DateOnly.FromDateTime(DateTime.UtcNow);
        return new XDocument(new XElement(Atom + "feed",
            new XElement(Atom + "title", $"{content.Site.Name}: new and updated tutorials"),
            new XElement(Atom + "id", baseUrl + "/"),
            new XElement(Atom + "updated", Timestamp(newest)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", baseUrl + "/feed.xml")),
            new XElement(Atom + "link", new XAttribute("href", baseUrl + "/")),
            new XElement(Atom + "author", new XElement(Atom + "name", content.Site.Name)),
            tutorials.Select(t => new XElement(Atom + "entry",
                new XElement(Atom + "title", t.Title),
                new XElement(Atom + "id", $"{baseUrl}/{t.CourseSlug}/{t.Slug}"),
                new XElement(Atom + "link", new XAttribute("href", $"{baseUrl}/{t.CourseSlug}/{t.Slug}")),
                new XElement(Atom + "updated", Timestamp(t.Updated ?? newest)),
                new XElement(Atom + "category", new XAttribute("term", content.FindCourse(t.CourseSlug)?.Title ?? t.CourseSlug)),
                new XElement(Atom + "summary", t.Description ?? t.Title)))));
    }

    private static XElement Url(string location, DateOnly? lastModified) =>
        new(Sitemap + "url",
            new XElement(Sitemap + "loc", location),
            lastModified is { } date ? new XElement(Sitemap + "lastmod", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null);

    private static string Timestamp(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
}
