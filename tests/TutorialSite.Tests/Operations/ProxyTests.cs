using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TutorialSite.Tests.Operations;

public sealed class ProxyTests : SiteOnSampleContent
{
    private const string Proxy = "203.0.113.50";

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies", Proxy, "__Host-learner=", true)]
    [InlineData("ForwardedHeaders:KnownNetworks", "192.0.2.0/24", "learner=", false)]
    public async Task ForwardedProto_MakesTheLearnerCookieSecureAndHostPrefixed_OnlyFromAKnownProxy(string trustKey, string trusted, string cookieStart, bool secure)
    {
        using var site = SiteWith(trustKey, trusted);

        var cookie = await TickBehindProxyAsync(site);

        Assert.StartsWith(cookieStart, cookie, StringComparison.Ordinal);
        Assert.Equal(secure, cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PublicBaseUrlHttps_MakesTheLearnerCookieSecureAndHostPrefixed()
    {
        using var site = SiteWith("Site:PublicBaseUrl", "https://learn.example.org");
        var browser = site.CreateBrowser();

        using var response = await browser.SubmitTickAsync(await browser.GetDocumentAsync(Page), "run-ps", done: true);

        Assert.StartsWith("__Host-learner=", LearnerCookie(response), StringComparison.Ordinal);
        Assert.Contains("secure", LearnerCookie(response), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://learn.example.org", "__Host-antiforgery=")]
    [InlineData("HTTPS://LEARN.EXAMPLE.ORG", "__Host-antiforgery=")]
    [InlineData("http://learn.example.org", "antiforgery=")]
    public async Task PublicBaseUrl_NamesTheAntiforgeryCookieAfterItsScheme(string origin, string cookie)
    {
        using var site = SiteWith("Site:PublicBaseUrl", origin);

        using var response = await site.CreateBrowser().GetAsync("/progress");

        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(cookie, StringComparison.Ordinal));
    }

    [Fact]
    public void PublicBaseUrlWithAPath_IsRefusedAtStart()
    {
        using var site = SiteWith("Site:PublicBaseUrl", "https://example.org/learn/");

        var error = Assert.Throws<InvalidOperationException>(() => site.CreateClient());

        Assert.Contains("no path base", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Ticks over plain HTTP from <see cref="Proxy"/>, which says the learner used HTTPS.</summary>
    private static async Task<string> TickBehindProxyAsync(TutorialSiteFactory site)
    {
        // The in-memory server gives requests no client address (and then trusts any); a proxy has one.
        var behindProxy = site.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ClientAddress(IPAddress.Parse(Proxy)))));
        var browser = behindProxy.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");

        using var response = await browser.SubmitTickAsync(await browser.GetDocumentAsync(Page), "run-ps", done: true);
        return LearnerCookie(response);
    }

    /// <summary>The learner cookie, named <c>__Host-learner</c> when the site sees the request as HTTPS.</summary>
    private static string LearnerCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("learner=", StringComparison.Ordinal) || c.StartsWith("__Host-learner=", StringComparison.Ordinal));

    private sealed class ClientAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, rest) =>
            {
                context.Connection.RemoteIpAddress = address;
                return rest(context);
            });
            next(app);
        };
    }
}
