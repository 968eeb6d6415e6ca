using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TutorialSite.Tests.Pages;

/// <summary>
/// The real site, in memory, on a real SQLite file of its own. Each factory is one app instance; two
/// factories on the same <see cref="DatabaseFile"/> stand for a restart.
/// </summary>
public sealed class TutorialSiteFactory(string contentPath, string? databaseFile = null, string environment = "Development")
    : WebApplicationFactory<Program>
{
    /// <summary>A fresh file per factory unless one is shared: never the EF InMemory provider.</summary>
    public string DatabaseFile { get; } = databaseFile ?? Path.Combine(Path.GetTempPath(), "tutorialsite-tests", Guid.NewGuid().ToString("N"), "progress.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Drafts and error details depend on the environment; tests pick it.
        builder.UseEnvironment(environment);
        // The content under test, not whatever the environment's settings point at.
        builder.UseSetting("Content:Path", contentPath);
        // No pooling: a disposed app leaves no handle open on the file, like a stopped process.
        builder.UseSetting("ConnectionStrings:Progress", $"Data Source={DatabaseFile};Pooling=False");
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects so tests can see them.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}
