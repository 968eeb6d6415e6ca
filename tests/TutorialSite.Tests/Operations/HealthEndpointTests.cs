using System.Net;
using System.Text.Json;
using TutorialSite.Web.Operations;
using TutorialSite.Web.Progress;

namespace TutorialSite.Tests.Operations;

/// <summary>/healthz (the process answers) and /readyz (migrated and content loaded, each check named) as probes see them.</summary>
public sealed class HealthEndpointTests : SiteOnSampleContent
{
    [Fact]
    [Trait("Database", TestDatabase.OnBothProviders)]
    public async Task Get_Readyz_WhenMigratedAndContentLoaded_Returns200WithEachCheck()
    {
        var readyz = await GetReadyzAsync(Site);

        Assert.Equal(HttpStatusCode.OK, readyz.Status);
        Assert.Equal("application/json", readyz.MediaType);
        Assert.Contains("no-store", readyz.CacheControl, StringComparison.Ordinal);
        Assert.Equal("Healthy", readyz.Json.GetProperty("status").GetString());
        Assert.Equal("Healthy", readyz.Check("content").GetProperty("status").GetString());
        Assert.Equal(4, readyz.Check("content").GetProperty("data").GetProperty("tutorials").GetInt32()); // Development: the draft too
        Assert.Equal("Healthy", readyz.Check("database").GetProperty("status").GetString());
        Assert.Equal(0, readyz.Check("database").GetProperty("data").GetProperty("pendingMigrations").GetArrayLength());
        Assert.Equal(Site.Database.IsPostgres ? "Postgres" : "Sqlite", readyz.Check("database").GetProperty("data").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Get_Readyz_WhenNotMigrated_Returns503AndCreatesNoDatabase()
    {
        using var site = SiteWith(NoMigration);

        var readyz = await GetReadyzAsync(site);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.Status);
        Assert.Equal("Unhealthy", readyz.Check("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", readyz.Check("content").GetProperty("status").GetString());
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

        var readyz = await GetReadyzAsync(site);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.Status);
        var database = readyz.Check("database");
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
        var readyz = await GetReadyzAsync(Site);

        Assert.Equal(HttpStatusCode.OK, readyz.Status);
        Assert.Equal("Healthy", readyz.Json.GetProperty("status").GetString());
        var check = readyz.Check("content");
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

        var readyz = await GetReadyzAsync(site);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.Status);
        Assert.Equal("Unhealthy", readyz.Check("content").GetProperty("status").GetString());
        Assert.Equal("Healthy", readyz.Check("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Get_Healthz_AnswersWithoutTouchingTheDatabase()
    {
        using var site = SiteWith(NoMigration);

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
        using var site = SiteWith(NoMigration);
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

    /// <summary>
    /// A first load that takes long (here a lesson that cannot be read yet, until the test hands it over): the real
    /// process listens meanwhile, /healthz says it lives, /readyz says the content is loading, and a page asked for
    /// waits for the content rather than finding an empty site.
    /// </summary>
    [Fact]
    public async Task FirstLoad_WhileItRuns_HealthzAnswers_ReadyzSaysLoading_AndAPageWaitsForTheContent()
    {
        await using var held = await HeldLesson.StartSiteAsync("---\ntitle: First lesson\n---\n\nText.\n", watch: false);
        using var client = new HttpClient { BaseAddress = held.Site.Address, Timeout = TimeSpan.FromSeconds(60) };

        using (var loading = await client.GetAsync(HealthEndpoints.Readiness))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, loading.StatusCode);
            var body = await loading.Content.ReadAsStringAsync();
            Assert.Contains("Loading the content from", body, StringComparison.Ordinal);
            // The database migrates after the load, not beside it (SiteStart): not even created yet.
            Assert.Contains("the progress database is migrated once the content is loaded", body, StringComparison.Ordinal);
            Assert.False(File.Exists(held.Site.DatabaseFile));
        }
        var page = client.GetAsync("/c/a");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(page.IsCompleted, "A page asked for during the first load is answered after it, not before.");

        // The lesson arrives: the load completes, and the page with it.
        await held.HandOverAsync("---\ntitle: Held lesson\n---\n\nMore.\n");
        using var response = await page;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("First lesson", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Held lesson", await client.GetStringAsync("/c/held"), StringComparison.Ordinal);
        // The database is migrated after the load (pages that need none are served meanwhile): ready once it is.
        await Eventually.TrueAsync(async () => (await client.GetAsync(HealthEndpoints.Readiness)).StatusCode == HttpStatusCode.OK, "/readyz never answered 200");
        Assert.True(File.Exists(held.Site.DatabaseFile));
    }

    /// <summary>A first load that never ends (a lesson that cannot be read): a page asked for is answered 503 with Retry-After, not held for ever.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task FirstLoad_ThatTakesLongerThanARequestWaits_Answers503WithRetryAfter()
    {
        await using var held = await HeldLesson.StartSiteAsync("---\ntitle: First lesson\n---\n\nText.\n", watch: false);
        using var client = new HttpClient { BaseAddress = held.Site.Address, Timeout = WaitForContent.Longest * 2 };

        var asked = DateTime.UtcNow;
        using var response = await client.GetAsync("/c/a");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.True(DateTime.UtcNow - asked >= WaitForContent.Longest - TimeSpan.FromSeconds(1), "answered before the wait was over");
    }

    /// <summary>
    /// The database is migrated after the first load, while Kestrel listens: one that cannot be created still stops the
    /// start, with exit code 1 and a line naming it (not a crash dump).
    /// </summary>
    [Fact]
    public async Task Start_WhenTheProgressDatabaseCannotBeCreated_Exits1NamingIt()
    {
        using var content = TempContent.OneTutorial("---\ntitle: A\n---\n\nText.\n");
        var data = Path.Combine(content.Root, "data");
        // A folder cannot be made below a plain file, not even by root.
        var blocker = Path.Combine(content.Root, "blocker");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var databaseFile = Path.Combine(blocker, "progress.db");
        await using var site = new SiteProcess(SiteProcess.BuildOutput, databaseFile, content.Root, new Dictionary<string, string> { ["Data__Path"] = data });

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => site.StartAsync(HealthEndpoints.Readiness));

        Assert.Contains("exited with code 1 while starting", failed.Message, StringComparison.Ordinal);
        Assert.Contains($"Could not create or migrate the progress database ({databaseFile})", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", failed.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The start migrates the database after the first load, and only what needs the database waits for it: here a
    /// restore in progress holds the database's lock, so the migration waits. An anonymous reader's page is served
    /// meanwhile; a learner's page waits; SIGTERM lets the migration finish, the learner's page is answered, and the
    /// process exits 0.
    /// </summary>
    [Fact]
    public async Task WhileTheStartMigrates_AReadersPageIsServed_ALearnersWaits_AndSigtermLetsItFinish()
    {
        using var content = TempContent.OneTutorial("---\ntitle: First lesson\n---\n\nText.\n");
        var data = Path.Combine(content.Root, "data");
        Directory.CreateDirectory(data);
        var databaseFile = Path.Combine(data, "progress.db");
        var restore = SqliteInUse.TryTakeExclusive(SqliteInUse.LockFile($"Data Source={databaseFile}")!);
        Assert.NotNull(restore);
        await using var site = new SiteProcess(SiteProcess.BuildOutput, databaseFile, content.Root, new Dictionary<string, string> { ["Data__Path"] = data });
        try
        {
            await site.StartAsync("/c/a"); // returns once an anonymous reader's page answers 200
            Assert.False(File.Exists(databaseFile), "the database was made before the restore's lock was let go");
            using var client = new HttpClient { BaseAddress = site.Address, Timeout = TimeSpan.FromSeconds(60) };
            using var learner = new HttpRequestMessage(HttpMethod.Get, "/c/a");
            learner.Headers.Add("Cookie", $"learner={LearnerId.New()}");
            var learnersPage = client.SendAsync(learner);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(learnersPage.IsCompleted, "a learner's page was answered before the database was migrated");

            var exit = site.TerminateAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            restore.Dispose();

            using var response = await learnersPage;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(0, await exit);
            Assert.True(File.Exists(databaseFile));
        }
        finally
        {
            restore.Dispose();
        }
    }

    /// <summary>The watcher starts while the first load runs: an edit saved meanwhile is served, never lost behind it.</summary>
    [Fact]
    public async Task FirstLoad_AnEditSavedWhileItRuns_IsServedAfterIt()
    {
        await using var held = await HeldLesson.StartSiteAsync("---\ntitle: Before the edit\n---\n\nText.\n", watch: true);
        await Eventually.TrueAsync(() => held.Site.Output.Any(line => line.Contains("Watching ", StringComparison.Ordinal)), "the watcher did not start during the load");

        // Saved after the load read it (the load reads the other lesson first, then waits for the held one).
        held.Content.Write("c/01-a.md", "---\ntitle: After the edit\n---\n\nText.\n");
        await held.HandOverAsync("---\ntitle: Held lesson\n---\n\nMore.\n");

        using var client = new HttpClient { BaseAddress = held.Site.Address, Timeout = TimeSpan.FromSeconds(60) };
        await Eventually.EditServedAsync(async () => (await client.GetStringAsync("/c/a")).Contains("After the edit", StringComparison.Ordinal));
    }

    /// <summary>
    /// The real process on one course (<c>/c/a</c>, then <c>c/02-held.md</c>), started until <c>/healthz</c> answers,
    /// whose second lesson is a FIFO: the first load blocks reading it until <see cref="HandOverAsync"/> writes its
    /// text. The path then holds a plain file with the same text, so that later loads read it at once.
    /// </summary>
    private sealed class HeldLesson : IAsyncDisposable
    {
        private readonly string path;
        private readonly string data = Path.Combine(Path.GetTempPath(), "tutorialsite-tests", Guid.NewGuid().ToString("N"));

        private HeldLesson(string firstLesson, bool watch)
        {
            Content = TempContent.OneTutorial(firstLesson);
            path = Path.Combine(Content.Root, "c", "02-held.md");
            var settings = new Dictionary<string, string> { ["Content__Watch"] = watch ? "true" : "false", ["Data__Path"] = data };
            Site = new SiteProcess(SiteProcess.BuildOutput, Path.Combine(data, "progress.db"), Content.Root, settings);
        }

        public TempContent Content { get; }

        public SiteProcess Site { get; }

        public static async Task<HeldLesson> StartSiteAsync(string firstLesson, bool watch)
        {
            var held = new HeldLesson(firstLesson, watch);
            try
            {
                using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [held.path]))
                {
                    await mkfifo.WaitForExitAsync();
                    Assert.Equal(0, mkfifo.ExitCode);
                }
                await held.Site.StartAsync(HealthEndpoints.Liveness);
                return held;
            }
            catch
            {
                await held.DisposeAsync();
                throw;
            }
        }

        public async Task HandOverAsync(string markdown)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(markdown);
            // Opening the FIFO meets the load's reader at once; the path is swapped for a plain file before the text
            // is written, so a reload the watcher asks for as soon as the load ends never finds the FIFO.
            await using var writer = new FileStream(path, FileMode.Open, FileAccess.Write);
            File.Delete(path);
            await File.WriteAllBytesAsync(path, bytes);
            await writer.WriteAsync(bytes);
        }

        public async ValueTask DisposeAsync()
        {
            await Site.StopAsync();
            Content.Dispose();
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static readonly Dictionary<string, string?> NoMigration = new() { ["Database:MigrateOnStart"] = "false" };

    private static async Task<Readyz> GetReadyzAsync(TutorialSiteFactory site)
    {
        using var response = await site.CreateClient().GetAsync("/readyz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.CacheControl?.ToString(), json.RootElement.Clone());
    }

    /// <summary>What /readyz answered: its status, the headers probes and caches read, and its JSON.</summary>
    private sealed record Readyz(HttpStatusCode Status, string? MediaType, string? CacheControl, JsonElement Json)
    {
        public JsonElement Check(string name) => Json.GetProperty("checks").GetProperty(name);
    }
}
