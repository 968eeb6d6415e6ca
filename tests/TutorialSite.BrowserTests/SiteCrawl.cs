using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace TutorialSite.BrowserTests;

/// <summary>
/// Every page reachable from <c>/</c> by following the site's own links, as a search engine or a learner
/// clicking around would find them, and what became of every internal address those pages point at.
/// </summary>
public sealed class SiteCrawl
{
    private SiteCrawl(IReadOnlyDictionary<Uri, IDocument> pages, IReadOnlyDictionary<Uri, string> sources, IReadOnlyList<string> broken, int internalLinks, int externalLinks)
    {
        Pages = pages;
        Sources = sources;
        Broken = broken;
        InternalLinks = internalLinks;
        ExternalLinks = externalLinks;
    }

    /// <summary>The HTML pages found, by address.</summary>
    public IReadOnlyDictionary<Uri, IDocument> Pages { get; }

    /// <summary>The HTML of each page exactly as the server sent it.</summary>
    public IReadOnlyDictionary<Uri, string> Sources { get; }

    /// <summary>"page → link: reason" for every internal link, asset or fragment that does not resolve.</summary>
    public IReadOnlyList<string> Broken { get; }

    public int InternalLinks { get; }

    /// <summary>Links leaving the site: counted, not followed (the tests run offline).</summary>
    public int ExternalLinks { get; }

    public static async Task<SiteCrawl> RunAsync(Uri site)
    {
        using var http = new HttpClient { BaseAddress = site };
        var parser = new HtmlParser();
        var pages = new Dictionary<Uri, IDocument>();
        var sources = new Dictionary<Uri, string>();
        var statuses = new Dictionary<Uri, HttpStatusCode>();
        var links = new List<(Uri From, string Href, Uri Target)>();
        var external = 0;
        var queue = new Queue<Uri>([new Uri(site, "/")]);

        while (queue.TryDequeue(out var url))
        {
            if (statuses.ContainsKey(url))
            {
                continue;
            }
            using var response = await http.GetAsync(url);
            statuses[url] = response.StatusCode;
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            sources[url] = await response.Content.ReadAsStringAsync();
            var document = await parser.ParseDocumentAsync(sources[url]);
            pages[url] = document;

            var pageLinks = document.QuerySelectorAll("a[href]").Select(a => (Href: a.GetAttribute("href")!, IsPage: true));
            var assets = document.QuerySelectorAll("link[href]").Select(l => l.GetAttribute("href")!)
                .Concat(document.QuerySelectorAll("script[src], img[src]").Select(e => e.GetAttribute("src")!))
                .Select(href => (Href: href, IsPage: false));
            foreach (var (href, isPage) in pageLinks.Concat(assets))
            {
                var target = new Uri(url, href);
                if (target.Scheme is not ("http" or "https") || target.Authority != site.Authority)
                {
                    external++;
                    continue;
                }
                links.Add((url, href, target));
                var address = new Uri(target.GetLeftPart(UriPartial.Query));
                if (isPage)
                {
                    queue.Enqueue(address);
                }
                else if (!statuses.ContainsKey(address))
                {
                    using var asset = await http.GetAsync(address);
                    statuses[address] = asset.StatusCode;
                }
            }
        }

        var broken = new List<string>();
        foreach (var (from, href, target) in links)
        {
            var address = new Uri(target.GetLeftPart(UriPartial.Query));
            if (statuses[address] != HttpStatusCode.OK)
            {
                broken.Add($"{from.AbsolutePath} → {href}: {(int)statuses[address]}");
            }
            else if (target.Fragment.Length > 1 && pages.TryGetValue(address, out var page)
                && page.GetElementById(Uri.UnescapeDataString(target.Fragment[1..])) is null)
            {
                broken.Add($"{from.AbsolutePath} → {href}: no element with that id");
            }
        }
        return new SiteCrawl(pages, sources, [.. broken.Distinct()], links.Count, external);
    }
}
