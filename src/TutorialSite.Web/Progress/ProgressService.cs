using Microsoft.EntityFrameworkCore;

namespace TutorialSite.Web.Progress;

/// <summary>Reads and writes a learner's ticks. Content is referred to only by its stable keys.</summary>
public sealed class ProgressService(ProgressDbContext db, TickWriter writer)
{
    /// <summary>All ticks of a learner in one indexed query; none for no learner.</summary>
    public async Task<LearnerTicks> TicksAsync(string? learnerId, CancellationToken cancellationToken = default) =>
        learnerId is null
            ? LearnerTicks.None
            : new LearnerTicks(await db.Ticks.AsNoTracking().Where(t => t.LearnerId == learnerId).ToListAsync(cancellationToken));

    /// <summary>
    /// Ticks or unticks an item and remembers the items the learner has now seen, in one commit; returns the
    /// learner. A request without a known learner gets a new one (and its cookie once the commit is done); an id
    /// the server did not issue is never adopted.
    /// </summary>
    /// <param name="tutorials">Every identity of the tutorial, its current one first.</param>
    /// <param name="keys">Every key of the item, its current one first. A tick is stored under the current
    /// identity; unticking removes it under all of them, so an old tick cannot keep the item ticked.</param>
    /// <param name="items">The keys of every item the tutorial has now, for "new since your last visit".</param>
    public async Task<string> SaveTickAsync(HttpContext context, IReadOnlyList<(string Course, string Tutorial)> tutorials,
        IReadOnlyList<string> keys, bool done, IReadOnlyList<IReadOnlyList<string>> items, CancellationToken cancellationToken = default)
    {
        var now = DateTime.UtcNow;
        var statements = new List<FormattableString>();
        var learner = LearnerCookie.Read(context);
        var isNew = learner is null || !await db.Learners.AnyAsync(l => l.Id == learner, cancellationToken);
        if (isNew)
        {
            learner = LearnerCookie.NewId();
            statements.Add($"""INSERT INTO "Learners" ("Id", "CreatedAt") VALUES ({learner}, {now})""");
        }
        var (course, tutorial) = tutorials[0];
        if (done)
        {
            // ON CONFLICT DO NOTHING: ticking twice, or from two tabs at once, is the same as ticking once.
            statements.Add($"""
                INSERT INTO "Ticks" ("LearnerId", "CourseSlug", "TutorialSlug", "ItemKey", "TickedAt")
                VALUES ({learner}, {course}, {tutorial}, {keys[0]}, {now}) ON CONFLICT DO NOTHING
                """);
        }
        else
        {
            statements.AddRange(tutorials.SelectMany(t => keys.Select(k => (FormattableString)$"""
                DELETE FROM "Ticks" WHERE "LearnerId" = {learner} AND "CourseSlug" = {t.Course} AND "TutorialSlug" = {t.Tutorial} AND "ItemKey" = {k}
                """)));
        }
        var seen = Visit.Keys(items);
        statements.Add($"""
            INSERT INTO "Visits" ("LearnerId", "CourseSlug", "TutorialSlug", "SeenKeys", "SeenAt")
            VALUES ({learner}, {course}, {tutorial}, {seen}, {now})
            ON CONFLICT ("LearnerId", "CourseSlug", "TutorialSlug") DO UPDATE SET "SeenKeys" = excluded."SeenKeys", "SeenAt" = excluded."SeenAt"
            """);
        await writer.WriteAsync(statements, cancellationToken);
        if (isNew)
        {
            LearnerCookie.Write(context, learner!);
        }
        return learner!;
    }

    /// <summary>
    /// The items of a tutorial added since the learner's last visit (only for learners who have ticked in it),
    /// and remembers the items they have now seen. <paramref name="items"/> are each item's keys, current first.
    /// </summary>
    public async Task<IReadOnlySet<string>> NewSinceLastVisitAsync(string? learnerId, string course, string tutorial,
        IReadOnlyList<IReadOnlyList<string>> items, CancellationToken cancellationToken = default)
    {
        if (learnerId is null)
        {
            return new HashSet<string>();
        }
        var visit = await db.Visits.FirstOrDefaultAsync(v => v.LearnerId == learnerId && v.CourseSlug == course && v.TutorialSlug == tutorial, cancellationToken);
        if (visit is null)
        {
            return new HashSet<string>();
        }
        var seen = visit.SeenKeys.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var fresh = items.Where(keys => !keys.Any(seen.Contains)).Select(keys => keys[0]).ToHashSet(StringComparer.Ordinal);
        var now = Visit.Keys(items);
        if (now != visit.SeenKeys)
        {
            visit.SeenKeys = now;
            visit.SeenAt = DateTime.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
        }
        return fresh;
    }

    /// <summary>Deletes all of a learner's ticks: their own explicit, confirmed choice.</summary>
    public async Task<int> ResetAsync(string learnerId, CancellationToken cancellationToken = default)
    {
        await db.Visits.Where(v => v.LearnerId == learnerId).ExecuteDeleteAsync(cancellationToken);
        return await db.Ticks.Where(t => t.LearnerId == learnerId).ExecuteDeleteAsync(cancellationToken);
    }
}
