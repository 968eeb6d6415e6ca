using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TutorialSite.Web.Progress;

namespace TutorialSite.Tests.Progress;

/// <summary>
/// While the start migrates, the database's connections wait (EF Core's, through the interceptor, and the learner-state
/// reader's), the migration's own pass, and a failed migration fails them; otherwise the gate is open.
/// </summary>
public sealed class MigrationGateTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "tutorialsite-tests", Guid.NewGuid().ToString("N"));
    private readonly MigrationGate gate = new();

    public MigrationGateTests() => Directory.CreateDirectory(folder);

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "progress.db"), Pooling = false }.ToString();

    private ProgressDbContext Context() =>
        new(new DbContextOptionsBuilder<ProgressDbContext>().UseSqlite(ConnectionString).AddInterceptors(gate).Options);

    [Fact]
    public async Task Open_WhenNoStartMigrates()
    {
        await using var db = Context();

        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT 1 AS Value").SingleAsync());
    }

    [Fact]
    public async Task WhileTheStartMigrates_QueriesWait_TheMigrationPasses_ThenTheyRun()
    {
        var migration = new TaskCompletionSource();
        gate.HoldUntil(migration.Task);
        await using var db = Context();
        using var reader = new SqliteStateReader(ConnectionString, "SELECT @learner, @course, @tutorial", gate);

        var query = db.Database.SqlQueryRaw<int>("SELECT 1 AS Value").SingleAsync();
        var state = reader.ReadAsync("learner", null, null, async (r, ct) => await r.ReadAsync(ct) ? r.GetString(0) : null, CancellationToken.None);
        var blocking = Task.Run(() => Context().Database.ExecuteSqlRaw("SELECT 1"));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(query.IsCompleted, "an EF Core query ran while the database was migrating");
        Assert.False(state.IsCompleted, "the learner-state reader read while the database was migrating");
        Assert.False(blocking.IsCompleted, "a synchronous query ran while the database was migrating");

        // The migration's own connections pass the gate it holds.
        await MigrationGate.PassAsync(async () =>
        {
            await using var migrating = Context();
            await migrating.Database.ExecuteSqlRawAsync("CREATE TABLE Made (Id INTEGER)");
        });
        Assert.False(query.IsCompleted);

        migration.SetResult();
        Assert.Equal(1, await query);
        Assert.Equal("learner", await state);
        await blocking;
    }

    [Fact]
    public async Task AFailedMigration_FailsTheQueriesThatWaited()
    {
        var migration = new TaskCompletionSource();
        gate.HoldUntil(migration.Task);
        await using var db = Context();

        var query = db.Database.SqlQueryRaw<int>("SELECT 1 AS Value").SingleAsync();
        migration.SetException(new IOException("the disk is full"));

        var error = await Assert.ThrowsAsync<IOException>(() => query);
        Assert.Equal("the disk is full", error.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
