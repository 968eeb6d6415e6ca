using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TutorialSite.Web.Progress;

/// <summary>Reads and writes a learner's ticks. Content is referred to only by its stable keys.</summary>
public sealed class ProgressService(ProgressDbContext db, ProgressWriter writer)
{
    /// <summary>All ticks of a learner in one indexed query (the primary key's prefix); none for no learner.</summary>
    public async Task<LearnerTicks> TicksAsync(string? learnerId, CancellationToken cancellationToken = default) =>
        learnerId is null ? LearnerTicks.None : (await StateAsync(learnerId, null, null, cancellationToken)).Ticks;

    /// <summary>
    /// What a learner's tutorial page shows of them, in one query: all their ticks, and the items of the tutorial
    /// added since their last visit (only for learners who have ticked in it), remembering the items they have now
    /// seen. <paramref name="items"/> are each item's keys, current first.
    /// </summary>
    public async Task<(LearnerTicks Ticks, IReadOnlySet<string> NewKeys)> TutorialStateAsync(string? learnerId, string course, string tutorial,
        IReadOnlyList<IReadOnlyList<string>> items, CancellationToken cancellationToken = default)
    {
        if (learnerId is null)
        {
            return (LearnerTicks.None, new HashSet<string>());
        }
        var (ticks, seenKeys) = await StateAsync(learnerId, course, tutorial, cancellationToken);
        if (seenKeys is null)
        {
            return (ticks, new HashSet<string>());
        }
        var seen = seenKeys.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var fresh = items.Where(keys => !keys.Any(seen.Contains)).Select(keys => keys[0]).ToHashSet(StringComparer.Ordinal);
        var now = Visit.Keys(items);
        if (now != seenKeys)
        {
            await writer.WriteAsync(command =>
            {
                command.CommandText = """
                    UPDATE "Visits" SET "SeenKeys" = $seen, "SeenAt" = $now
                    WHERE "LearnerId" = $learner AND "CourseSlug" = $course AND "TutorialSlug" = $tutorial
                    """;
                command.Parameters.AddWithValue("$seen", now);
                command.Parameters.AddWithValue("$now", DateTime.UtcNow);
                command.Parameters.AddWithValue("$learner", learnerId);
                command.Parameters.AddWithValue("$course", course);
                command.Parameters.AddWithValue("$tutorial", tutorial);
                return command.ExecuteNonQueryAsync(CancellationToken.None);
            });
        }
        return (ticks, fresh);
    }

    /// <summary>The learner's ticks and, for a tutorial, the keys they had seen in it: one round trip, both by primary key.</summary>
    private async Task<(LearnerTicks Ticks, string? SeenKeys)> StateAsync(string learnerId, string? course, string? tutorial, CancellationToken cancellationToken)
    {
        // Plain ADO.NET on EF Core's pooled connection: this runs on every learner's page view.
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT "CourseSlug", "TutorialSlug", "ItemKey" FROM "Ticks" WHERE "LearnerId" = $learner
                UNION ALL
                SELECT NULL, NULL, "SeenKeys" FROM "Visits" WHERE "LearnerId" = $learner AND "CourseSlug" = $course AND "TutorialSlug" = $tutorial
                """;
            command.Parameters.AddWithValue("$learner", learnerId);
            command.Parameters.AddWithValue("$course", (object?)course ?? DBNull.Value);
            command.Parameters.AddWithValue("$tutorial", (object?)tutorial ?? DBNull.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var ticks = new List<(string, string, string)>();
            string? seen = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                {
                    seen = reader.GetString(2);
                }
                else
                {
                    ticks.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }
            return (new LearnerTicks(ticks), seen);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Whether the learner exists: an id the server did not issue is never adopted.</summary>
    private async Task<bool> IsKnownAsync(string learnerId, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT 1 FROM "Learners" WHERE "Id" = $learner""";
            command.Parameters.AddWithValue("$learner", learnerId);
            return await command.ExecuteScalarAsync(cancellationToken) is not null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

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
        var known = LearnerCookie.Read(context) is { } id && await IsKnownAsync(id, cancellationToken) ? id : null;
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

    /// <summary>Deletes all of a learner's ticks: their own explicit, confirmed choice.</summary>
    public async Task<int> ResetAsync(string learnerId, CancellationToken cancellationToken = default)
    {
        await db.Visits.Where(v => v.LearnerId == learnerId).ExecuteDeleteAsync(cancellationToken);
        return await db.Ticks.Where(t => t.LearnerId == learnerId).ExecuteDeleteAsync(cancellationToken);
    }
}
