using AngleSharp.Dom;
using Xunit.Abstractions;

namespace TutorialSite.BrowserTests;

/// <summary>What a crawler sees: no broken internal link, and the meta a real site has on every page.</summary>
public sealed class LinkAndMetaTests(SiteFixture fixture, ITestOutputHelper output) : OnSharedSite(fixture)
{
    [Fact]
    public async Task Crawl_FromHome_FindsNoBrokenInternalLink()
    {
        var crawl = await SiteCrawl.RunAsync(Site.Address);
        output.WriteLine($"{crawl.Pages.Count} pages, {crawl.InternalLinks} internal links and assets, {crawl.ExternalLinks} external links (not followed)");

        // Home, the progress page, 3 courses and their 12 tutorials.
        Assert.True(crawl.Pages.Count >= 17, $"Only {crawl.Pages.Count} pages found: {string.Join(", ", crawl.Pages.Keys)}");
        Assert.True(crawl.Broken.Count == 0, "Broken:\n" + string.Join("\n", crawl.Broken));
    }

    [Fact]
    public async Task EveryPage_HasLangAndAUniqueTitleAndDescription()
    {
        var crawl = await SiteCrawl.RunAsync(Site.Address);

        foreach (var (url, page) in crawl.Pages)
        {
            Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
            Assert.False(string.IsNullOrWhiteSpace(page.Title), $"{url} has no title");
            Assert.False(string.IsNullOrWhiteSpace(Meta(page, "name", "description")), $"{url} has no description");
        }
        AssertUnique(crawl.Pages.ToDictionary(p => p.Key, p => p.Value.Title!), "title");
        AssertUnique(crawl.Pages.ToDictionary(p => p.Key, p => Meta(p.Value, "name", "description")!), "description");
    }

    /// <summary>A learner's own progress and search results are not pages for search engines.</summary>
    private static readonly string[] NotIndexed = [SitePages.Progress, "/search"];

    [Fact]
    public async Task PublicPages_HaveACanonicalLinkAndSocialPreviewTags_PersonalAndErrorPagesAreNotIndexed()
    {
        var crawl = await SiteCrawl.RunAsync(Site.Address);

        foreach (var (url, page) in crawl.Pages)
        {
            if (NotIndexed.Contains(url.AbsolutePath))
            {
                Assert.Equal("noindex", Meta(page, "name", "robots"));
                Assert.Null(page.QuerySelector("link[rel=canonical]"));
                continue;
            }
            var canonical = page.QuerySelector("link[rel=canonical]")?.GetAttribute("href");
            Assert.True(canonical is not null && new Uri(canonical) == url, $"{url}: canonical {canonical}");
            Assert.Equal(canonical, Meta(page, "property", "og:url"));
            Assert.StartsWith(Meta(page, "property", "og:title") ?? "(none)", page.Title, StringComparison.Ordinal);
            Assert.Equal(Meta(page, "name", "description"), Meta(page, "property", "og:description"));
            var isTutorial = url.Segments.Length == 3 && url.Segments[1] != "tags/";
            Assert.Equal(isTutorial ? "article" : "website", Meta(page, "property", "og:type"));
            Assert.Equal("TutorialSite", Meta(page, "property", "og:site_name"));
            Assert.Equal("summary", Meta(page, "name", "twitter:card"));
            Assert.Null(Meta(page, "name", "robots"));
        }

        using var http = new HttpClient { BaseAddress = Site.Address };
        using var notFound = await http.GetAsync(SitePages.NotFound);
        var html = await notFound.Content.ReadAsStringAsync();
        Assert.Contains("""<meta name="robots" content="noindex">""", html, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"canonical\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StructuredData_ParsesInTheBrowser_WithoutAContentSecurityPolicyViolation()
    {
        var page = await (await NewLearnerAsync()).NewPageAsync();
        var reports = new List<string>();
        page.Console += (_, message) => reports.Add(message.Text);
        // JSON-LD is data, not script: the CSP (script-src 'self') must neither block nor report it.
        await page.AddInitScriptAsync("window.violations = []; document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective));");

        foreach (var (path, expected) in new[] { (SitePages.Tutorial, "LearningResource BreadcrumbList FAQPage"), (SitePages.Course, "Course BreadcrumbList") })
        {
            await page.GotoAsync(path);
            var types = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('script[type=\"application/ld+json\"]')].map(s => JSON.parse(s.textContent)['@type'])");

            Assert.Equal(expected, string.Join(' ', types));
            Assert.Empty(await page.EvaluateAsync<string[]>("() => window.violations"));
        }
        Assert.DoesNotContain(reports, r => r.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    private static string? Meta(IDocument page, string attribute, string name) =>
        page.QuerySelector($"meta[{attribute}='{name}']")?.GetAttribute("content");

    private static void AssertUnique(Dictionary<Uri, string> values, string what)
    {
        var duplicates = values.GroupBy(v => v.Value).Where(g => g.Count() > 1)
            .Select(g => $"\"{g.Key}\" on {string.Join(", ", g.Select(v => v.Key.AbsolutePath))}").ToList();
        Assert.True(duplicates.Count == 0, $"Duplicate {what}:\n" + string.Join("\n", duplicates));
    }
}
