using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TutorialSite.Web.Progress;

/// <summary>Learners and their ticks; on SQLite (the default) this context itself, on PostgreSQL <see cref="PostgresProgressDbContext"/>.</summary>
/// <remarks>
/// Each provider has its own migrations: SQLite's in <c>Migrations/</c>, PostgreSQL's in <c>Migrations/Postgres/</c>.
/// A model change needs one of each (dotnet-ef is a local tool: <c>dotnet tool restore</c>):
/// <code>
/// dotnet ef migrations add &lt;Name&gt; --project src/TutorialSite.Web --context ProgressDbContext --output-dir Progress/Migrations
/// dotnet ef migrations add &lt;Name&gt; --project src/TutorialSite.Web --context PostgresProgressDbContext --output-dir Progress/Migrations/Postgres -- --Database:Provider=Postgres --ConnectionStrings:Progress=Host=localhost
/// </code>
/// </remarks>
public class ProgressDbContext : DbContext
{
    public ProgressDbContext(DbContextOptions<ProgressDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own context, which keeps its own migrations.</summary>
    protected ProgressDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Learner> Learners => Set<Learner>();

    public DbSet<Tick> Ticks => Set<Tick>();

    public DbSet<Visit> Visits => Set<Visit>();

    public DbSet<DeviceCode> DeviceCodes => Set<DeviceCode>();

    public DbSet<Review> Reviews => Set<Review>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Learner>(learner =>
        {
            learner.Property(l => l.Id).HasMaxLength(LearnerId.Length);
        });
        // Ticks and reviews are keyed learner, course, tutorial, item: the one index a learner's page needs (all their
        // ticks, or one tutorial's, by the key's prefix).
        ItemRows(modelBuilder.Entity<Tick>());
        ItemRows(modelBuilder.Entity<Review>());
        TutorialRows(modelBuilder.Entity<Visit>(), v => new { v.LearnerId, v.CourseSlug, v.TutorialSlug });
        modelBuilder.Entity<DeviceCode>(code =>
        {
            code.HasKey(c => c.CodeHash);
            code.Property(c => c.CodeHash).HasMaxLength(64);
            code.Property(c => c.LearnerId).HasMaxLength(LearnerId.Length);
            code.HasOne<Learner>().WithMany().HasForeignKey(c => c.LearnerId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private const int SlugLength = 100;

    private static void ItemRows<T>(EntityTypeBuilder<T> rows) where T : LearnersItemRow
    {
        TutorialRows(rows, r => new { r.LearnerId, r.CourseSlug, r.TutorialSlug, r.ItemKey });
        rows.Property(r => r.ItemKey).HasMaxLength(SlugLength);
    }

    /// <summary>A learner's rows about a tutorial, under <paramref name="key"/>: they go when the learner does.</summary>
    private static void TutorialRows<T>(EntityTypeBuilder<T> rows, Expression<Func<T, object?>> key) where T : LearnersTutorialRow
    {
        rows.HasKey(key);
        rows.Property(r => r.LearnerId).HasMaxLength(LearnerId.Length);
        rows.Property(r => r.CourseSlug).HasMaxLength(SlugLength);
        rows.Property(r => r.TutorialSlug).HasMaxLength(SlugLength);
        rows.HasOne<Learner>().WithMany().HasForeignKey(r => r.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
