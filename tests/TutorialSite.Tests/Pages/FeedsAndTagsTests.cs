using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace TutorialSite.Tests.Pages;

/// <summary>The sitemap, the Atom feed and tag pages: what search engines, feed readers and browsers get.</summary>
public sealed class FeedsAndTagsTests() : SiteOnSampleContent("Production")
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task RobotsTxt_NamesTheSitemapByTheRequestsOrigin()
    {
        using var response = await Site.CreateBrowser().GetAsync("/robots.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("User-agent: *", lines);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", lines);
    }

    [Fact]
    public async Task RobotsTxt_NamesTheSitemapByThePublicBaseUrl_WhateverTheHostHeader()
    {
        using var site = new TutorialSiteFactory(Content.Root, environment: "Production",
            settings: new Dictionary<string, string?> { ["Site:PublicBaseUrl"] = "https://learn.example.org" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/robots.txt");
        request.Headers.Host = "evil.example.com";

        using var response = await site.CreateBrowser().SendAsync(request);

        Assert.Contains("Sitemap: https://learn.example.org/sitemap.xml", (await response.Content.ReadAsStringAsync()).Split('\n'));
    }

    [Fact]
    public async Task Sitemap_ListsEveryPublishedPageWithLastmod_AndEachUrlAnswers()
    {
        var browser = Site.CreateBrowser();
        using var response = await browser.GetAsync("/sitemap.xml");
        var sitemap = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Sitemap + "urlset", sitemap.Root!.Name);
        var urls = sitemap.Root.Elements(Sitemap + "url").ToList();
        Assert.All(urls, u => Assert.True(Uri.IsWellFormedUriString(u.Element(Sitemap + "loc")!.Value, UriKind.Absolute)));
        var locations = urls.Select(u => new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath).ToList();
        Assert.Equal(["/", "/docker", "/git", "/docker/images", "/docker/volumes", "/git/commits"], locations);
        Assert.Equal("2026-11-20", urls.Single(u => u.Element(Sitemap + "loc")!.Value.EndsWith("/docker/images", StringComparison.Ordinal)).Element(Sitemap + "lastmod")!.Value);
        foreach (var path in locations)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task Sitemap_IsValidAgainstTheSitemaps09Schema()
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(Sitemap.NamespaceName, Path.Combine(AppContext.BaseDirectory, "Pages", "sitemap.xsd"));
        var sitemap = XDocument.Parse(await Site.CreateBrowser().GetStringAsync("/sitemap.xml"));
        var errors = new List<string>();

        sitemap.Validate(schemas, (_, e) => errors.Add(e.Message));

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Feed_ParsesAsAtom10()
    {
        using var reader = XmlReader.Create(await Site.CreateBrowser().GetStreamAsync("/feed.xml"));
        var atom = new Atom10FeedFormatter();

        Assert.True(atom.CanRead(reader));
        atom.ReadFrom(reader);

        Assert.Equal("TutorialSite: new and updated tutorials", atom.Feed.Title.Text);
        Assert.Equal(3, atom.Feed.Items.Count());
        Assert.All(atom.Feed.Items, item => Assert.StartsWith("http://localhost/", item.Links.Single().Uri.AbsoluteUri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Feed_IsAtomWithTheRequiredElements()
    {
        using var response = await Site.CreateBrowser().GetAsync("/feed.xml");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Atom + "feed", feed.Name);
        foreach (var required in new[] { "id", "title", "updated", "author" })
        {
            Assert.NotNull(feed.Element(Atom + required));
        }
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(3, entries.Count); // the draft is not published
        Assert.All(entries, e =>
        {
            Assert.True(Uri.IsWellFormedUriString(e.Element(Atom + "id")!.Value, UriKind.Absolute));
            Assert.NotEmpty(e.Element(Atom + "title")!.Value);
            Assert.True(DateTimeOffset.TryParse(e.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.NotNull(e.Element(Atom + "link")!.Attribute("href"));
        });
    }

    [Fact]
    public async Task TagPage_ListsTheTutorialsWithThatTag()
    {
        var page = await Site.CreateBrowser().GetDocumentAsync("/tags/docker");

        Assert.Equal(["/docker/images", "/docker/volumes", "/git/commits"], page.QuerySelectorAll(".result-title a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task TagsIndex_ListsEveryTag_AndAnUnknownTagIs404()
    {
        var browser = Site.CreateBrowser();

        var index = await browser.GetDocumentAsync("/tags");
        using var unknown = await browser.GetAsync("/tags/no-such-tag");

        Assert.Equal(["/tags/docker"], index.QuerySelectorAll(".topic-list a").Select(a => a.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
