using System.Net;
using System.Text.Json;
using TutorialSite.Tests.Pages;

namespace TutorialSite.Tests.Operations;

public sealed class HealthEndpointTests : SiteOnSampleContent
{

    [Fact]
    [Trait("Database", TestDatabase.OnBothProviders)]
    public async Task Get_Readyz_WhenMigratedAndContentLoaded_Returns200WithEachCheck()
    {
        using var site = new TutorialSiteFactory(Content.Root);

        using var response = await site.CreateClient().GetAsync("/readyz");
        using var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("content").GetProperty("status").GetString());
        Assert.Equal(4, checks.GetProperty("content").GetProperty("data").GetProperty("tutorials").GetInt32()); // Development: the draft too
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(0, checks.GetProperty("database").GetProperty("data").GetProperty("pendingMigrations").GetArrayLength());
        Assert.Equal(site.Database.IsPostgres ? "Postgres" : "Sqlite", checks.GetProperty("database").GetProperty("data").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Get_Readyz_WhenNotMigrated_Returns503AndCreatesNoDatabase()
    {
        using var site = new TutorialSiteFactory(Content.Root, settings: NoMigration);

        using var response = await site.CreateClient().GetAsync("/readyz");
        using var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("content").GetProperty("status").GetString());
        Assert.False(File.Exists(site.DatabaseFile));
    }

    [Fact]
    public async Task Get_Readyz_WithPendingMigrations_Returns503NamingThem()
    {
        var databaseFile = Path.Combine(Content.Root, "data", "progress.db");
        Directory.CreateDirectory(Path.GetDirectoryName(databaseFile)!);
        // An empty SQLite file: reachable, but no migration applied.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databaseFile};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE Unrelated (Id INTEGER)";
            await command.ExecuteNonQueryAsync();
        }
        using var site = new TutorialSiteFactory(Content.Root, TestDatabase.Sqlite(databaseFile), settings: NoMigration);

        using var response = await site.CreateClient().GetAsync("/readyz");
        using var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var database = json.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Contains("migrations not applied", database.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains(database.GetProperty("data").GetProperty("pendingMigrations").EnumerateArray(), m => m.GetString()!.EndsWith("_Initial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_Readyz_WhenSomeFilesHaveErrors_Returns200HealthyWithTheCounts()
    {
        // A file YamlDotNet could not parse, one nested too deeply, and a warning: the rest is served.
        Content.Write("docker/08-broken.md", "---\ntitle: Broken\ndescription: [unclosed\norder: 3\n---\nBody.\n");
        Content.Write("docker/09-deep.md", "---\ntitle: Deep\n---\n" + string.Concat(Enumerable.Repeat("- ", 3_000)) + "x\n");
        Content.Write("docker/10-warned.md", "---\ntitle: Warned\n---\n\n#### Skips a level\n");
        using var site = new TutorialSiteFactory(Content.Root);

        using var response = await site.CreateClient().GetAsync("/readyz");
        using var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var check = json.RootElement.GetProperty("checks").GetProperty("content");
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.Equal(2, check.GetProperty("data").GetProperty("errors").GetInt32());
        Assert.Equal(1, check.GetProperty("data").GetProperty("warnings").GetInt32());
        Assert.Equal(5, check.GetProperty("data").GetProperty("tutorials").GetInt32());
        Assert.Contains("2 errors and 1 warnings", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Readyz_WhenTheContentFolderIsMissing_Returns503()
    {
        using var site = new TutorialSiteFactory(Path.Combine(Content.Root, "no-such-folder"));

        using var response = await site.CreateClient().GetAsync("/readyz");
        using var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("checks").GetProperty("content").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Get_Healthz_AnswersWithoutTouchingTheDatabase()
    {
        using var site = new TutorialSiteFactory(Content.Root, settings: NoMigration);

        using var response = await site.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(site.DatabaseFile));
    }

    [Fact]
    [Trait("Database", TestDatabase.OnBothProviders)]
    public async Task MigrateOnStartOff_ThenMigrateVerbStep_MakesTheSiteReady()
    {
        using var site = new TutorialSiteFactory(Content.Root, settings: NoMigration);
        var client = site.CreateClient();
        using (var before = await client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        }

        // What `migrate` runs, against the same database, while the site is up.
        await TutorialSite.Web.Progress.ProgressServiceCollectionExtensions.MigrateProgressDatabaseAsync(site.Services);

        using var after = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static readonly Dictionary<string, string?> NoMigration = new() { ["Database:MigrateOnStart"] = "false" };

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());
}
