using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TutorialSite.Web.Progress;

/// <summary>
/// <c>import FILE</c>: the move from SQLite to PostgreSQL. Copies the learners, ticks, visits and reviews of a SQLite
/// progress database (a <c>backup</c> copy) into the configured PostgreSQL database, in one transaction. The
/// target must be migrated and hold no learners yet, so an import never mixes with live data or runs twice.
/// </summary>
public static class ProgressImport
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (await FileArgument.ReadAsync(args, "import FILE   (a SQLite progress database, e.g. a `backup` copy, into PostgreSQL)", error) is not { } file)
        {
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var target = scope.ServiceProvider.GetRequiredService<ProgressDbContext>();
        var problem = target.Database.IsSqlite() ? "import copies into PostgreSQL; set Database__Provider=Postgres and ConnectionStrings__Progress."
            : !File.Exists(file) ? $"there is no file {file}."
            : (await target.Database.GetPendingMigrationsAsync()).Any() ? "the PostgreSQL database is not migrated; run `migrate` first."
            : await target.Learners.AnyAsync() ? "the PostgreSQL database already has learners; import only into a new, freshly migrated one."
            : null;
        if (problem is not null)
        {
            await error.WriteLineAsync($"Import failed: {problem}");
            return 1;
        }
        var readOnly = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var source = new ProgressDbContext(new DbContextOptionsBuilder<ProgressDbContext>().UseSqlite(readOnly).Options);
        if ((await source.Database.GetPendingMigrationsAsync()).Any())
        {
            await error.WriteLineAsync($"Import failed: {file} is from an older version; run `migrate` on it with SQLite first.");
            return 1;
        }
        // SQLite hands back times without a kind; they were written as UTC, and PostgreSQL stores them as such.
        var learners = await source.Learners.AsNoTracking().ToListAsync();
        var ticks = await source.Ticks.AsNoTracking().ToListAsync();
        var visits = await source.Visits.AsNoTracking().ToListAsync();
        var reviews = await source.Reviews.AsNoTracking().ToListAsync();
        target.Learners.AddRange(learners.Select(l => new Learner { Id = l.Id, CreatedAt = Utc(l.CreatedAt) }));
        target.Ticks.AddRange(ticks.Select(t => new Tick { LearnerId = t.LearnerId, CourseSlug = t.CourseSlug, TutorialSlug = t.TutorialSlug, ItemKey = t.ItemKey, TickedAt = Utc(t.TickedAt) }));
        target.Visits.AddRange(visits.Select(v => new Visit { LearnerId = v.LearnerId, CourseSlug = v.CourseSlug, TutorialSlug = v.TutorialSlug, SeenKeys = v.SeenKeys, SeenAt = Utc(v.SeenAt) }));
        target.Reviews.AddRange(reviews.Select(r => new Review
        {
            LearnerId = r.LearnerId, CourseSlug = r.CourseSlug, TutorialSlug = r.TutorialSlug, ItemKey = r.ItemKey,
            Box = r.Box, DueAt = Utc(r.DueAt), AnsweredAt = Utc(r.AnsweredAt), StillTrue = r.StillTrue, NotAnymore = r.NotAnymore,
        }));
        await using (var transaction = await target.Database.BeginTransactionAsync())
        {
            await target.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        await output.WriteLineAsync($"Imported {learners.Count} learners, {ticks.Count} ticks, {visits.Count} visits and {reviews.Count} reviews from {file}.");
        return 0;
    }

    private static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
