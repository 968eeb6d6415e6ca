using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TutorialSite.Web.Progress;

namespace TutorialSite.Tests.Operations;

/// <summary>The restore drill on SQLite: backup, more ticks, restore, exactly the backup's ticks again.</summary>
public sealed class ProgressRestoreTests : IDisposable
{
    private readonly TempContent content = TempContent.Sample();
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "tutorialsite-tests", Guid.NewGuid().ToString("N"))).FullName;
    private readonly TestDatabase database;
    private readonly string backup;

    public ProgressRestoreTests()
    {
        database = TestDatabase.Sqlite(Path.Combine(folder, "data", "progress.db"));
        backup = Path.Combine(folder, "backup.db");
    }

    public void Dispose()
    {
        content.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Restore_AfterMoreTicks_BringsBackExactlyTheTicksOfTheBackup_AndTheSiteShowsThem()
    {
        var site = new TutorialSiteFactory(content.Root, database);
        var browser = site.CreateBrowser();
        await browser.TickAsync("/docker/images", "run-ps", "explain-images");
        Assert.Equal(0, await ProgressBackup.RunAsync(database.ConnectionString, [backup], TextWriter.Null, TextWriter.Null));
        var atBackup = await TicksAsync(database.ConnectionString);
        // After the backup: one untick, one more tick, and a second learner.
        await browser.SubmitTickAsync(await browser.GetDocumentAsync("/docker/images"), "run-ps", done: false);
        await browser.TickAsync("/docker/images", "run-container");
        var other = site.CreateBrowser();
        await other.TickAsync("/docker/images", "run-ps");
        Assert.NotEqual(atBackup, await TicksAsync(database.ConnectionString));

        // Refused while the site runs on the database, and nothing changes.
        var (output, error) = (new StringWriter(), new StringWriter());
        Assert.Equal(1, await RestoreAsync(output, error));
        Assert.Contains("is in use by a running site", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, (await TicksAsync(database.ConnectionString)).Count);

        await site.DisposeAsync();
        error.GetStringBuilder().Clear();
        Assert.Equal(0, await RestoreAsync(output, error));

        Assert.Equal("", error.ToString());
        Assert.Contains("1 learners, 2 ticks, integrity ok", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(atBackup, await TicksAsync(database.ConnectionString));
        var kept = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(database.File)!, "progress.db.before-restore-*"));
        Assert.Equal(3, (await TicksAsync($"Data Source={kept};Mode=ReadOnly;Pooling=False")).Count);
        // The site started again on the restored file shows the learner their ticks at backup time.
        await using var restarted = new TutorialSiteFactory(content.Root, database);
        var learner = atBackup.First().Learner;
        using var client = restarted.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "learner=" + learner);
        var page = await client.GetDocumentAsync("/docker/images");
        Assert.True(page.IsTicked("run-ps"));
        Assert.True(page.IsTicked("explain-images"));
        Assert.False(page.IsTicked("run-container"));
    }

    [Fact]
    public async Task Restore_OfAFileThatIsNotAProgressDatabase_ChangesNothing()
    {
        await using (var site = new TutorialSiteFactory(content.Root, database))
        {
            var browser = site.CreateBrowser();
            await browser.TickAsync("/docker/images", "run-ps");
        }
        var before = await TicksAsync(database.ConnectionString);
        var other = Path.Combine(folder, "other.db");
        await using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE notes (text TEXT)";
            await create.ExecuteNonQueryAsync();
        }

        foreach (var (file, message) in new[]
        {
            (content.Write("text.db", "not a database, just text that is long enough to fill a header page........................................"), "is not a SQLite database"),
            (other, "not a progress database"),
            (Path.Combine(folder, "missing.db"), "there is no file"),
        })
        {
            var error = new StringWriter();
            Assert.Equal(1, await RestoreAsync(TextWriter.Null, error, file));
            Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await TicksAsync(database.ConnectionString));
        Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(database.File)!), f => f.Contains("restor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restore_OfABackupFromANewerSite_IsRefused()
    {
        await using (var site = new TutorialSiteFactory(content.Root, database))
        {
            await site.CreateClient().GetAsync("/readyz");
        }
        Assert.Equal(0, await ProgressBackup.RunAsync(database.ConnectionString, [backup], TextWriter.Null, TextWriter.Null));
        await using (var connection = new SqliteConnection($"Data Source={backup};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """INSERT INTO "__EFMigrationsHistory" VALUES ('29990101000000_FromTheFuture', '99.0')""";
            await insert.ExecuteNonQueryAsync();
        }
        var error = new StringWriter();

        Assert.Equal(1, await RestoreAsync(TextWriter.Null, error));

        Assert.Contains("made by a newer version of the site (migrations 29990101000000_FromTheFuture", error.ToString(), StringComparison.Ordinal);
    }

    private Task<int> RestoreAsync(TextWriter output, TextWriter error, string? file = null)
    {
        using var db = new ProgressDbContext(new DbContextOptionsBuilder<ProgressDbContext>().UseSqlite(database.ConnectionString).Options);
        return ProgressRestore.RunAsync(database.ConnectionString, [.. db.Database.GetMigrations()], [file ?? backup], output, error);
    }

    private static async Task<HashSet<(string Learner, string Key)>> TicksAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "LearnerId", "ItemKey" FROM "Ticks" """;
        await using var reader = await command.ExecuteReaderAsync();
        var ticks = new HashSet<(string, string)>();
        while (await reader.ReadAsync())
        {
            ticks.Add((reader.GetString(0), reader.GetString(1)));
        }
        return ticks;
    }
}
