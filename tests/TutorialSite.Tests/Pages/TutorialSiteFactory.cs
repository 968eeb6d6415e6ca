using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TutorialSite.Tests.Pages;

/// <summary>
/// The real site, in memory, on a real database of its own (<see cref="TestDatabase"/>: a SQLite file, or a
/// PostgreSQL database in the PostgreSQL pass). Each factory is one app instance; two factories on the same
/// <see cref="Database"/> (and <see cref="KeysFolder"/>) stand for a restart, or for two replicas.
/// </summary>
public sealed class TutorialSiteFactory(string contentPath, TestDatabase? database = null, string environment = "Development",
    IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null, ILoggerProvider? logs = null)
    : WebApplicationFactory<Program>
{
    /// <summary>A fresh database per factory unless one is shared: never the EF InMemory provider.</summary>
    public TestDatabase Database { get; } = database ?? TestDatabase.Create();

    /// <summary>SQLite's file, for the tests that are about SQLite itself.</summary>
    public string DatabaseFile => Database.File ?? throw new InvalidOperationException("This test needs SQLite; it runs on PostgreSQL.");

    /// <summary>Data-protection keys beside the database, never in the source tree's App_Data (on PostgreSQL they are in the database).</summary>
    public string KeysFolder => settings?.GetValueOrDefault("DataProtection:KeysPath") ?? Path.Combine(Database.Folder, "keys");

    public string ConnectionString => Database.ConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Drafts and error details depend on the environment; tests pick it.
        builder.UseEnvironment(environment);
        // The content under test, not whatever the environment's settings point at.
        builder.UseSetting("Content:Path", contentPath);
        foreach (var (key, value) in Database.Settings())
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("DataProtection:KeysPath", KeysFolder);
        // The data folder (the content cache) beside the database too; a restart on the same database finds it.
        builder.UseSetting("Data:Path", Database.Folder);
        // Whatever else a test sets up, as an operator would with environment variables.
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        // A clock the test moves (FakeTimeProvider): what the site stores and schedules follows it.
        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
        // Where a test reads what the site logged, besides the usual providers.
        if (logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects so tests can see them.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}
