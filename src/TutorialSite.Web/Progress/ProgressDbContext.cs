using Microsoft.EntityFrameworkCore;

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
        modelBuilder.Entity<Tick>(tick =>
        {
            // The key is the one index a learner's page needs: all their ticks, or one tutorial's, by prefix.
            tick.HasKey(t => new { t.LearnerId, t.CourseSlug, t.TutorialSlug, t.ItemKey });
            tick.Property(t => t.LearnerId).HasMaxLength(LearnerId.Length);
            tick.Property(t => t.CourseSlug).HasMaxLength(100);
            tick.Property(t => t.TutorialSlug).HasMaxLength(100);
            tick.Property(t => t.ItemKey).HasMaxLength(100);
            tick.HasOne<Learner>().WithMany().HasForeignKey(t => t.LearnerId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Visit>(visit =>
        {
            visit.HasKey(v => new { v.LearnerId, v.CourseSlug, v.TutorialSlug });
            visit.Property(v => v.LearnerId).HasMaxLength(LearnerId.Length);
            visit.Property(v => v.CourseSlug).HasMaxLength(100);
            visit.Property(v => v.TutorialSlug).HasMaxLength(100);
            visit.HasOne<Learner>().WithMany().HasForeignKey(v => v.LearnerId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DeviceCode>(code =>
        {
            code.HasKey(c => c.CodeHash);
            code.Property(c => c.CodeHash).HasMaxLength(64);
            code.Property(c => c.LearnerId).HasMaxLength(LearnerId.Length);
            code.HasOne<Learner>().WithMany().HasForeignKey(c => c.LearnerId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Review>(review =>
        {
            // Keyed like a tick: a learner's reviews are read by the key's prefix.
            review.HasKey(r => new { r.LearnerId, r.CourseSlug, r.TutorialSlug, r.ItemKey });
            review.Property(r => r.LearnerId).HasMaxLength(LearnerId.Length);
            review.Property(r => r.CourseSlug).HasMaxLength(100);
            review.Property(r => r.TutorialSlug).HasMaxLength(100);
            review.Property(r => r.ItemKey).HasMaxLength(100);
            review.HasOne<Learner>().WithMany().HasForeignKey(r => r.LearnerId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
