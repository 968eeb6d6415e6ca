using Microsoft.EntityFrameworkCore;

namespace TutorialSite.Web.Progress;

/// <summary>Learners and their ticks.</summary>
/// <remarks>
/// Migrations live in <c>Migrations/</c>; add one with
/// <c>dotnet ef migrations add &lt;Name&gt; --project src/TutorialSite.Web</c> (dotnet-ef is a local tool: <c>dotnet tool restore</c>).
/// </remarks>
public sealed class ProgressDbContext(DbContextOptions<ProgressDbContext> options) : DbContext(options)
{
    public DbSet<Learner> Learners => Set<Learner>();

    public DbSet<Tick> Ticks => Set<Tick>();

    public DbSet<Visit> Visits => Set<Visit>();

    public DbSet<DeviceCode> DeviceCodes => Set<DeviceCode>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Learner>(learner =>
        {
            learner.Property(l => l.Id).HasMaxLength(LearnerCookie.IdLength);
        });
        modelBuilder.Entity<Tick>(tick =>
        {
            // The key is the one index a learner's page needs: all their ticks, or one tutorial's, by prefix.
            tick.HasKey(t => new { t.LearnerId, t.CourseSlug, t.TutorialSlug, t.ItemKey });
            tick.Property(t => t.LearnerId).HasMaxLength(LearnerCookie.IdLength);
            tick.Property(t => t.CourseSlug).HasMaxLength(100);
            tick.Property(t => t.TutorialSlug).HasMaxLength(100);
            tick.Property(t => t.ItemKey).HasMaxLength(100);
            tick.HasOne<Learner>().WithMany().HasForeignKey(t => t.LearnerId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Visit>(visit =>
        {
            visit.HasKey(v => new { v.LearnerId, v.CourseSlug, v.TutorialSlug });
            visit.Property(v => v.LearnerId).HasMaxLength(LearnerCookie.IdLength);
            visit.Property(v => v.CourseSlug).HasMaxLength(100);
            visit.Property(v => v.TutorialSlug).HasMaxLength(100);
            visit.HasOne<Learner>().WithMany().HasForeignKey(v => v.LearnerId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DeviceCode>(code =>
        {
            code.HasKey(c => c.CodeHash);
            code.Property(c => c.CodeHash).HasMaxLength(64);
            code.Property(c => c.LearnerId).HasMaxLength(LearnerCookie.IdLength);
            code.HasOne<Learner>().WithMany().HasForeignKey(c => c.LearnerId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
