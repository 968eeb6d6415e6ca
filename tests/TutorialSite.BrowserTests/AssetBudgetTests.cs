using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Xunit.Abstractions;

namespace TutorialSite.BrowserTests;

/// <summary>
/// The site's own stylesheets and script (not Bootstrap) stay within 30 kB as a browser downloads them, compressed,
/// from the published site: every one any page type links, each fetched once.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class AssetBudgetTests(SiteFixture fixture, ITestOutputHelper output)
{
    private const int Budget = 30 * 1024;

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task OwnCssAndJs_Compressed_AreAtMost30kB(string encoding)
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = fixture.Site.Address };
        var parser = new HtmlParser();
        var assets = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, path) in SitePages.Named)
        {
            // The 404 page too: its status is not 200, its markup links the same assets.
            using var page = await http.GetAsync(path);
            var html = await parser.ParseDocumentAsync(await page.Content.ReadAsStringAsync());
            assets.UnionWith(html.QuerySelectorAll("link[rel=stylesheet][href], script[src]")
                .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
                .Where(url => url.StartsWith('/') && !url.StartsWith("/lib/", StringComparison.Ordinal)));
        }
        Assert.Contains(assets, a => a.StartsWith("/css/site", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/js/site", StringComparison.Ordinal));

        var total = 0L;
        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
            var bytes = (await response.Content.ReadAsByteArrayAsync()).LongLength;
            output.WriteLine($"{asset}: {bytes:N0} bytes ({encoding})");
            total += bytes;
        }
        output.WriteLine($"Total: {total:N0} bytes of {Budget:N0}");
        Assert.True(total <= Budget, $"the site's own CSS and JS weigh {total:N0} bytes {encoding}-compressed, over {Budget:N0}: {string.Join(", ", assets)}");
    }
}
