using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TutorialSite.Tests.Pages;

/// <summary>
/// The real site, in memory, on a real SQLite file of its own. Each factory is one app instance; two
/// factories on the same <see cref="DatabaseFile"/> (and <see cref="KeysFolder"/>) stand for a restart.
/// </summary>
public sealed class TutorialSiteFactory(string contentPath, string? databaseFile = null, string environment = "Development",
    IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>A fresh file per factory unless one is shared: never the EF InMemory provider.</summary>
    public string DatabaseFile { get; } = databaseFile ?? Path.Combine(Path.GetTempPath(), "tutorialsite-tests", Guid.NewGuid().ToString("N"), "progress.db");

    /// <summary>Data-protection keys beside the database, never in the source tree's App_Data.</summary>
    public string KeysFolder => settings?.GetValueOrDefault("DataProtection:KeysPath") ?? Path.Combine(Path.GetDirectoryName(DatabaseFile)!, "keys");

    public string ConnectionString => $"Data Source={DatabaseFile};Pooling=False";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Drafts and error details depend on the environment; tests pick it.
        builder.UseEnvironment(environment);
        // The content under test, not whatever the environment's settings point at.
        builder.UseSetting("Content:Path", contentPath);
        // No pooling: a disposed app leaves no handle open on the file, like a stopped process.
        builder.UseSetting("ConnectionStrings:Progress", ConnectionString);
        builder.UseSetting("DataProtection:KeysPath", KeysFolder);
        // Whatever else a test sets up, as an operator would with environment variables.
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects so tests can see them.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}
