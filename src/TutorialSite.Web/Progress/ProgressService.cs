using Microsoft.EntityFrameworkCore;

namespace TutorialSite.Web.Progress;

/// <summary>Reads and writes a learner's ticks. Content is referred to only by its stable keys.</summary>
public sealed class ProgressService(ProgressDbContext db)
{
    /// <summary>All ticks of a learner in one indexed query; none for no learner.</summary>
    public async Task<LearnerTicks> TicksAsync(string? learnerId, CancellationToken cancellationToken = default) =>
        learnerId is null
            ? LearnerTicks.None
            : new LearnerTicks(await db.Ticks.AsNoTracking().Where(t => t.LearnerId == learnerId).ToListAsync(cancellationToken));

    /// <summary>
    /// The learner behind the request's cookie, or a new one (with a new cookie) when there is none or the
    /// database does not know it. An id the server did not issue is never adopted.
    /// </summary>
    public async Task<string> EnsureLearnerAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        if (LearnerCookie.Read(context) is { } id && await db.Learners.AnyAsync(l => l.Id == id, cancellationToken))
        {
            return id;
        }
        id = LearnerCookie.NewId();
        db.Learners.Add(new Learner { Id = id, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
        LearnerCookie.Write(context, id);
        return id;
    }

    /// <summary>
    /// Ticks or unticks an item. A tick is stored under the item's current identity, the first of
    /// <paramref name="tutorials"/> and of <paramref name="keys"/>; unticking removes it under every identity the
    /// item has had, so an old tick cannot keep it ticked. Idempotent: repeating a request changes nothing.
    /// </summary>
    public async Task SetAsync(string learnerId, IReadOnlyList<(string Course, string Tutorial)> tutorials, IReadOnlyList<string> keys,
        bool done, CancellationToken cancellationToken = default)
    {
        var (course, tutorial) = tutorials[0];
        if (done)
        {
            // INSERT .. ON CONFLICT DO NOTHING: two tabs ticking the same item at once both succeed.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "Ticks" ("LearnerId", "CourseSlug", "TutorialSlug", "ItemKey", "TickedAt")
                VALUES ({learnerId}, {course}, {tutorial}, {keys[0]}, {DateTime.UtcNow})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (c, t) in tutorials)
        {
            await db.Ticks.Where(x => x.LearnerId == learnerId && x.CourseSlug == c && x.TutorialSlug == t && keys.Contains(x.ItemKey))
                .ExecuteDeleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
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

    /// <summary>Records that the learner has seen the tutorial's current items (called when they tick in it).</summary>
    public async Task RememberVisitAsync(string learnerId, string course, string tutorial, IReadOnlyList<IReadOnlyList<string>> items,
        CancellationToken cancellationToken = default)
    {
        var seen = Visit.Keys(items);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Visits" ("LearnerId", "CourseSlug", "TutorialSlug", "SeenKeys", "SeenAt")
            VALUES ({learnerId}, {course}, {tutorial}, {seen}, {DateTime.UtcNow})
            ON CONFLICT ("LearnerId", "CourseSlug", "TutorialSlug") DO UPDATE SET "SeenKeys" = excluded."SeenKeys", "SeenAt" = excluded."SeenAt"
            """, cancellationToken);
    }

    /// <summary>Deletes all of a learner's ticks: their own explicit, confirmed choice.</summary>
    public async Task<int> ResetAsync(string learnerId, CancellationToken cancellationToken = default)
    {
        await db.Visits.Where(v => v.LearnerId == learnerId).ExecuteDeleteAsync(cancellationToken);
        return await db.Ticks.Where(t => t.LearnerId == learnerId).ExecuteDeleteAsync(cancellationToken);
    }
}
