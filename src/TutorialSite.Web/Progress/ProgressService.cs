using Microsoft.EntityFrameworkCore;

namespace TutorialSite.Web.Progress;

/// <summary>Reads and writes a learner's ticks. Content is referred to only by its stable keys.</summary>
public sealed class ProgressService(ProgressDbContext db, ProgressWriter writer)
{
    /// <summary>All ticks of a learner in one indexed query; none for no learner.</summary>
    public async Task<LearnerTicks> TicksAsync(string? learnerId, CancellationToken cancellationToken = default) =>
        learnerId is null
            ? LearnerTicks.None
            : new LearnerTicks(await db.Ticks.AsNoTracking().Where(t => t.LearnerId == learnerId).ToListAsync(cancellationToken));

    /// <summary>
    /// Ticks or unticks an item for the learner behind the request's cookie, or for a new learner (with a new cookie)
    /// when there is none or the database does not know it: an id the server did not issue is never adopted. A
    /// tick is stored under the item's current identity, the first of <paramref name="tutorials"/> and of
    /// <paramref name="keys"/>; unticking removes it under every identity the item has had, so an old tick cannot
    /// keep it ticked. Idempotent: repeating a request changes nothing. Also records the tutorial's items as seen
    /// (<paramref name="items"/>: each item's keys, current first). One write, committed before this returns.
    /// </summary>
    /// <returns>The learner's id.</returns>
    public async Task<string> TickAsync(HttpContext context, IReadOnlyList<(string Course, string Tutorial)> tutorials, IReadOnlyList<string> keys,
        bool done, IReadOnlyList<IReadOnlyList<string>> items, CancellationToken cancellationToken = default)
    {
        var known = LearnerCookie.Read(context) is { } id && await db.Learners.AnyAsync(l => l.Id == id, cancellationToken) ? id : null;
        var learner = known ?? LearnerCookie.NewId();
        var now = DateTime.UtcNow;
        await writer.WriteAsync(command =>
        {
            var sql = new System.Text.StringBuilder();
            var parameters = command.Parameters;
            parameters.AddWithValue("$learner", learner);
            parameters.AddWithValue("$now", now);
            if (known is null)
            {
                sql.Append("""INSERT INTO "Learners" ("Id", "CreatedAt") VALUES ($learner, $now);""");
            }
            var (course, tutorial) = tutorials[0];
            parameters.AddWithValue("$course", course);
            parameters.AddWithValue("$tutorial", tutorial);
            if (done)
            {
                // ON CONFLICT DO NOTHING: two tabs ticking the same item at once both succeed.
                parameters.AddWithValue("$key", keys[0]);
                sql.Append("""
                    INSERT INTO "Ticks" ("LearnerId", "CourseSlug", "TutorialSlug", "ItemKey", "TickedAt")
                    VALUES ($learner, $course, $tutorial, $key, $now) ON CONFLICT DO NOTHING;
                    """);
            }
            else
            {
                var keyList = string.Join(", ", keys.Select((k, i) => { parameters.AddWithValue($"$k{i}", k); return $"$k{i}"; }));
                for (var i = 0; i < tutorials.Count; i++)
                {
                    parameters.AddWithValue($"$c{i}", tutorials[i].Course);
                    parameters.AddWithValue($"$t{i}", tutorials[i].Tutorial);
                    sql.Append(System.Globalization.CultureInfo.InvariantCulture,
                        $"""DELETE FROM "Ticks" WHERE "LearnerId" = $learner AND "CourseSlug" = $c{i} AND "TutorialSlug" = $t{i} AND "ItemKey" IN ({keyList});""");
                }
            }
            parameters.AddWithValue("$seen", Visit.Keys(items));
            sql.Append("""
                INSERT INTO "Visits" ("LearnerId", "CourseSlug", "TutorialSlug", "SeenKeys", "SeenAt")
                VALUES ($learner, $course, $tutorial, $seen, $now)
                ON CONFLICT ("LearnerId", "CourseSlug", "TutorialSlug") DO UPDATE SET "SeenKeys" = excluded."SeenKeys", "SeenAt" = excluded."SeenAt";
                """);
            command.CommandText = sql.ToString();
            // Not the request's token: once queued, a write is committed or fails with its group.
            return command.ExecuteNonQueryAsync(CancellationToken.None);
        });
        if (known is null)
        {
            LearnerCookie.Write(context, learner);
        }
        return learner;
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
