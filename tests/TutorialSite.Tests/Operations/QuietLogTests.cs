using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TutorialSite.Tests.Pages;

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
        var browser = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = address });
        var other = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = address });

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        await browser.SubmitTickAsync(await browser.GetDocumentAsync("/docker/images"), "explain-images", done: true);
        using var export = await browser.GetAsync("/progress?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        // Padded past the site's 64 kB default: the progress page's own 2 MB limit must apply, silently.
        var file = (await export.Content.ReadAsByteArrayAsync()).Concat(Enumerable.Repeat((byte)' ', 1024 * 1024)).ToArray();
        await ImportAsync(other, file);
        var code = await NewCodeAsync(browser);
        var linked = await LinkAsync(other, code);
        Assert.Contains("now shares the progress", linked.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        // Tests run the app from src/ with the repository's wwwroot linked in, not copied: only they see this one.
        var warnings = log.Entries.Where(e => e.Level >= LogLevel.Warning && !e.Message.StartsWith("The WebRootPath was not found", StringComparison.Ordinal)).Select(e => $"{e.Level} {e.Category}: {e.Message}").ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
    }

    private static async Task ImportAsync(HttpClient browser, byte[] file)
    {
        var form = (IHtmlFormElement)(await browser.GetDocumentAsync("/progress")).QuerySelector("form[enctype='multipart/form-data']")!;
        using var body = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        body.Add(part, "file", "tutorialsite-progress.json");
        using var response = await browser.PostAsync(form.Action, body);
        Assert.Contains("Imported: 1 new tick", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    private static async Task<string> NewCodeAsync(HttpClient browser)
    {
        var form = (IHtmlFormElement)(await browser.GetDocumentAsync("/progress")).QuerySelector("form[action*=DeviceCode]")!;
        using var response = await browser.SubmitAsync(form);
        return (await Html.ParseAsync(response)).QuerySelector(".device-code")!.TextContent;
    }

    private static async Task<IHtmlDocument> LinkAsync(HttpClient browser, string code)
    {
        var form = (IHtmlFormElement)(await browser.GetDocumentAsync("/progress")).QuerySelector("form[action*=Link]")!;
        ((IHtmlInputElement)form.QuerySelector("input[name=code]")!).Value = code;
        using var response = await browser.SubmitAsync(form);
        return await Html.ParseAsync(response);
    }
}
