using Xunit.Abstractions;

namespace TutorialSite.BrowserTests;

/// <summary>The W3C Nu HTML validator (vnu-jar) on the HTML the server sends: zero errors.</summary>
public sealed class HtmlValidityTests(SiteFixture fixture, ITestOutputHelper output) : OnSharedSite(fixture)
{
    public static string Folder => Path.Combine(RepoPaths.Artifacts, "html");

    [Fact]
    public async Task EveryPage_IsValidHtml()
    {
        var java = ExternalTool.Require("java", "`bash tests/run.sh` installs it (apt-get install default-jre-headless).");
        var vnu = ExternalTool.RequireNpmTool("vnu-jar/build/dist/vnu.jar");
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
        Directory.CreateDirectory(Folder);

        // Each page type as a learner with progress sees it (ticked boxes, meters, the reset form)...
        var page = await OpenAsync(SitePages.Tutorial);
        await page.TickAsync("git-init");
        var files = new List<string>();
        foreach (var (name, path) in SitePages.Named)
        {
            // The server's HTML, not the DOM after scripts ran; the request carries the learner's cookie.
            var response = await page.Context.APIRequest.GetAsync(path);
            files.Add(await SaveAsync($"learner-{name}.html", await response.TextAsync()));
        }
        // ...and every page a crawl from / finds, as a new visitor sees it.
        var crawl = await SiteCrawl.RunAsync(Site.Address);
        foreach (var (url, html) in crawl.Sources)
        {
            var name = url.AbsolutePath == "/" ? "home" : url.AbsolutePath.Trim('/').Replace('/', '-');
            files.Add(await SaveAsync($"visitor-{name}.html", html));
        }

        var result = await ExternalTool.RunAsync(java, ["-jar", vnu, "--errors-only", "--format", "gnu", .. files]);

        output.WriteLine($"vnu checked {files.Count} pages (saved in {Folder}): exit {result.ExitCode}");
        Assert.True(result.ExitCode == 0 && result.Error.Trim().Length == 0 && result.Output.Trim().Length == 0,
            $"vnu found errors (exit {result.ExitCode}):\n{result.Output}{result.Error}");
    }

    private static async Task<string> SaveAsync(string name, string html)
    {
        var file = Path.Combine(Folder, name);
        await File.WriteAllTextAsync(file, html);
        return file;
    }
}
