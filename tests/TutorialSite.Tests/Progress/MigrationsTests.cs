using Microsoft.EntityFrameworkCore;
using TutorialSite.Web.Progress;

namespace TutorialSite.Tests.Progress;

/// <summary>
/// Each provider's migrations describe the whole model: a model change without a migration for both fails
/// here, before any database sees it. Applying them is tested on both providers by every integration test.
/// </summary>
public sealed class MigrationsTests
{
    [Fact]
    public void SqliteMigrations_CoverTheModel()
    {
        using var db = new ProgressDbContext(new DbContextOptionsBuilder<ProgressDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
    }

    [Fact]
    public void PostgresMigrations_CoverTheModelAndTheDataProtectionKeys()
    {
        // No server is needed to compare the model with the migrations' snapshot.
        using var db = new PostgresProgressDbContext(new DbContextOptionsBuilder<PostgresProgressDbContext>().UseNpgsql("Host=localhost").Options);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.NotNull(db.Model.FindEntityType(typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey)));
        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
    }
}
