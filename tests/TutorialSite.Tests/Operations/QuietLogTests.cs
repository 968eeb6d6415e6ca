using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TutorialSite.Tests.Operations;

/// <summary>
/// A warning in the log should mean something is wrong. A first start and the normal use of every progress tool
/// (tick, export, import, a device code and its link) must leave none, or operators learn to ignore them.
/// </summary>
public sealed class QuietLogTests() : SiteOnSampleContent("Production")
{
    private readonly LogRecorder log = new();

    [Fact]
    public async Task FirstStart_AndEveryProgressTool_LogNoWarnings()
    {
        // Real Kestrel: the in-memory test server has no request-body limits, and what it logs about them differs.
        using var app = Site.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(log)));
        app.UseKestrel(0);
        app.StartServer();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());

        using var browser = Browser(address);
        using var other = Browser(address);
        await UseEveryProgressToolAsync(browser, other);

        // Tests run the app from src/ with the repository's wwwroot linked in, not copied: only they see this one.
        var warnings = log.Entries.Where(e => e.Level >= LogLevel.Warning && !e.Message.StartsWith("The WebRootPath was not found", StringComparison.Ordinal)).Select(e => $"{e.Level} {e.Category}: {e.Message}").ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
    }

    /// <summary>
    /// What a newcomer's <c>dotnet run</c> does: the build output as a process of its own in Development, its own
    /// log to the console at the default levels, a data folder it fills on this first start (database, keys, caches).
    /// </summary>
    [Fact]
    public async Task FirstStartOfTheRealProcess_AndEveryProgressTool_LogNoWarnings()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tutorialsite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var settings = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Data__Path"] = folder };
            await using (var site = new SiteProcess(SiteProcess.BuildOutput, Path.Combine(folder, "progress.db"), Content.Root, settings))
            {
                await site.StartAsync();
                using var browser = Browser(site.Address);
                using var other = Browser(site.Address);
                await UseEveryProgressToolAsync(browser, other);
                await site.StopAsync();

                // The console formatter's level prefixes: the log was read (info lines), and holds nothing worse.
                Assert.Contains(site.Output, line => line.StartsWith("info:", StringComparison.Ordinal));
                var warnings = site.Output.Where(line => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal)
                    || line.StartsWith("crit:", StringComparison.Ordinal)).ToList();
                Assert.True(warnings.Count == 0, string.Join("\n", site.Output));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task UseEveryProgressToolAsync(HttpClient browser, HttpClient other)
    {
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        await browser.TickAsync("/docker/images", "explain-images");
        using var export = await browser.GetAsync("/progress?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        // Padded past the site's 64 kB default: the progress page's own 2 MB limit must apply, silently.
        var file = (await export.Content.ReadAsByteArrayAsync()).Concat(Enumerable.Repeat((byte)' ', 1024 * 1024)).ToArray();
        var imported = await other.ImportAsync(file);
        Assert.Contains("Imported: 1 new tick", imported.Body!.TextContent, StringComparison.Ordinal);
        var linked = await other.LinkAsync(await browser.NewCodeAsync());
        Assert.Contains("now shares the progress", linked.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    private static HttpClient Browser(Uri address) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = address };
}
