using System.Net;
using System.Text;

namespace TutorialSite.Tests;

/// <summary>Hostile requests: every one gets a defined 4xx, never a 500, and nothing is stored.</summary>
[Trait("Database", TestDatabase.OnBothProviders)]
public sealed class SecurityTests() : SiteOnSampleContent("Production")
{
    [Theory]
    [InlineData("/")]
    [InlineData(Page)]
    [InlineData("/no/such/page")]
    public async Task Responses_CarryTheSecurityHeaders(string url)
    {
        using var response = await Site.CreateBrowser().GetAsync(url);

        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        foreach (var directive in new[] { "object-src 'none'", "base-uri", "form-action 'self'", "frame-ancestors 'none'", "script-src 'self'" })
        {
            Assert.Contains(directive, csp, StringComparison.Ordinal);
        }
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptsHandlersOrStyleAttributes()
    {
        foreach (var url in new[] { "/", "/docker", Page, "/progress", "/nope" })
        {
            using var response = await Site.CreateBrowser().GetAsync(url);
            var page = await Html.ParseAsync(response);

            // JSON-LD is a data block, never run: the only script element with content.
            Assert.All(page.Scripts.Where(s => s.Type != "application/ld+json"), s => Assert.False(string.IsNullOrEmpty(s.Source), $"inline script on {url}"));
            Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name == "style");
            Assert.Empty(page.QuerySelectorAll("style"));
        }
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    [InlineData("TRACE")]
    public async Task WrongMethod_Returns405WithAllow(string method)
    {
        using var response = await Site.CreateBrowser().SendAsync(new HttpRequestMessage(new HttpMethod(method), Page));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, HEAD, POST", string.Join(", ", response.Content.Headers.Allow));
    }

    [Theory]
    [InlineData("/../../etc/passwd")]
    [InlineData("/docker/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/docker%2Fimages")]
    [InlineData("/docker/%2e%2e/%2e%2e/published.lock")]
    [InlineData("/docker/01-images.md")]
    [InlineData("/published.lock")]
    [InlineData("/docker/images?handler=Tick")]
    [InlineData("/status/999")]
    [InlineData("/status/-1")]
    public async Task OddPaths_Get4xxNever500(string url)
    {
        using var response = await Site.CreateBrowser().GetAsync(url);

        Assert.InRange((int)response.StatusCode, 200, 499);
        Assert.DoesNotContain("title: Images", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VeryLongUrl_Gets4xx()
    {
        using var response = await Site.CreateBrowser().GetAsync("/" + new string('a', 20_000));

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Theory]
    [InlineData("learner=")]
    [InlineData("learner=%00%01%02")]
    [InlineData("learner=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("learner=' OR 1=1 --")]
    [InlineData("learner=../../etc/passwd; antiforgery=garbage")]
    public async Task GarbageLearnerCookie_IsTreatedAsNoLearner(string cookie)
    {
        var owner = Site.CreateBrowser();
        await owner.TickAsync(Page, "run-ps");
        var stranger = Site.CreateBrowser();
        stranger.DefaultRequestHeaders.Add("Cookie", cookie);

        var page = await stranger.GetDocumentAsync(Page);

        Assert.False(page.IsTicked("run-ps"));
        using var progress = await stranger.GetAsync("/progress");
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
    }

    [Fact]
    public async Task Ticks_BeyondTheLearnersRate_Get429WithRetryAfter()
    {
        await using var limited = new TutorialSiteFactory(Content.Root, environment: "Production")
            .WithWebHostBuilder(b => b.UseSetting("RateLimits:PerLearnerPerMinute", "6"));
        var browser = limited.CreateClient(new() { AllowAutoRedirect = false });
        var page = await browser.GetDocumentAsync(Page);
        await browser.SubmitTickAsync(page, "run-ps", done: true); // becomes a learner

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await browser.SubmitTickAsync(page, "run-ps", done: i % 2 == 0);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Page)).StatusCode); // reading is never limited
    }

    [Fact]
    public async Task Fuzz_ThousandsOfRandomRequests_NeverGetA5xx()
    {
        var random = new Random(20261127);
        var browser = Site.CreateBrowser();
        var token = await browser.FetchTokenAsync(Page + "?handler=Tick");
        string[] paths = ["/", "/docker", Page, "/docker/volumes", "/git/commits", "/progress", "/status/404", "/nope", "/docker/nope", "/css/site.css", "/lib/x", "/sitemap.xml", "/feed.xml", "/tags", "/tags/docker", "/healthz", "/readyz"];
        string[] handlers = ["", "?handler=Tick", "?handler=Reset", "?handler=", "?handler=%00", "?handler=Tick&handler=Reset"];
        string[] methods = ["GET", "POST", "HEAD", "POST", "PUT"];
        var failures = new List<string>();

        for (var i = 0; i < 2000; i++)
        {
            var url = paths[random.Next(paths.Length)] + handlers[random.Next(handlers.Length)] + (random.Next(4) == 0 ? Uri.EscapeDataString(Junk(random, 30)) : "");
            using var request = new HttpRequestMessage(new HttpMethod(methods[random.Next(methods.Length)]), url);
            if (request.Method == HttpMethod.Post)
            {
                var fields = new List<KeyValuePair<string, string>>();
                if (random.Next(3) > 0) fields.Add(new("__RequestVerificationToken", random.Next(4) == 0 ? Junk(random, 40) : token));
                if (random.Next(5) > 0) fields.Add(new("key", random.Next(3) == 0 ? Junk(random, random.Next(200)) : "run-ps"));
                if (random.Next(3) > 0) fields.Add(new("done", random.Next(3) == 0 ? Junk(random, 5) : "true"));
                request.Content = random.Next(10) == 0
                    ? new ByteArrayContent(Encoding.UTF8.GetBytes(Junk(random, random.Next(500))))
                    : new FormUrlEncodedContent(fields);
                if (random.Next(8) == 0) request.Content.Headers.ContentType = new("application/json");
            }
            if (random.Next(6) == 0) request.Headers.TryAddWithoutValidation("Cookie", "learner=" + Junk(random, 43));
            if (random.Next(6) == 0) request.Headers.TryAddWithoutValidation("Accept", "application/json");
            using var response = await browser.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{request.Method} {url} -> {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
    }

    private static string Junk(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => (char)random.Next(1, 0x250))]);
}
