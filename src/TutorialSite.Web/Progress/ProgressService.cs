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

    /// <summary>The ticks of one tutorial, using the same index by prefix.</summary>
    public async Task<LearnerTicks> TicksAsync(string? learnerId, string course, string tutorial, CancellationToken cancellationToken = default) =>
        learnerId is null
            ? LearnerTicks.None
            : new LearnerTicks(await db.Ticks.AsNoTracking()
                .Where(t => t.LearnerId == learnerId && t.CourseSlug == course && t.TutorialSlug == tutorial)
                .ToListAsync(cancellationToken));

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

    /// <summary>Sets an item ticked or not. Idempotent: repeating a request changes nothing.</summary>
    public async Task SetAsync(string learnerId, string course, string tutorial, string key, bool done, CancellationToken cancellationToken = default)
    {
        if (done)
        {
            // INSERT .. ON CONFLICT DO NOTHING: two tabs ticking the same item at once both succeed.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "Ticks" ("LearnerId", "CourseSlug", "TutorialSlug", "ItemKey", "TickedAt")
                VALUES ({learnerId}, {course}, {tutorial}, {key}, {DateTime.UtcNow})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
        }
        else
        {
            await db.Ticks.Where(t => t.LearnerId == learnerId && t.CourseSlug == course && t.TutorialSlug == tutorial && t.ItemKey == key)
                .ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>Deletes all of a learner's ticks: their own explicit, confirmed choice.</summary>
    public Task<int> ResetAsync(string learnerId, CancellationToken cancellationToken = default) =>
        db.Ticks.Where(t => t.LearnerId == learnerId).ExecuteDeleteAsync(cancellationToken);
}
