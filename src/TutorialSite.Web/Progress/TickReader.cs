using System.Collections.Frozen;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace TutorialSite.Web.Progress;

/// <summary>
/// What a page view reads of a learner: their ticks, without dates (no page view needs one), and for a tutorial the
/// items new to them since their last visit, in one round trip by the primary keys. A singleton, read without a request
/// scope: on SQLite through <see cref="SqliteStateReader"/>'s prepared commands, so a learner's page view takes no
/// <see cref="DbContext"/> (about a twentieth of its CPU, docs/benchmarks.md); on PostgreSQL through a pooled context's
/// connection in a scope of its own. Ticks with their dates: <see cref="ProgressService.TicksAsync"/>.
/// </summary>
public sealed class TickReader(TickWriter writer, TimeProvider clock, IServiceScopeFactory scopes, SqliteStateReader? sqliteReader = null)
{
    /// <summary>A learner's ticks and, for a tutorial, the keys they had seen in it: one query, both by primary key.</summary>
    public const string Query = """
        SELECT "CourseSlug", "TutorialSlug", "ItemKey" FROM "Ticks" WHERE "LearnerId" = @learner
        UNION ALL
        SELECT NULL, NULL, "SeenKeys" FROM "Visits" WHERE "LearnerId" = @learner AND "CourseSlug" = @course AND "TutorialSlug" = @tutorial
        """;

    /// <summary>All ticks of a learner, undated (<see cref="LearnerTicks.Undated"/>); none for no learner.</summary>
    public async Task<LearnerTicks> TicksAsync(string? learnerId, CancellationToken cancellationToken = default) =>
        learnerId is null ? LearnerTicks.None : (await ReadAsync(learnerId, null, null, cancellationToken)).Ticks;

    /// <summary>
    /// What a learner's tutorial page shows of them: all their ticks (undated), and the items of the tutorial added
    /// since their last visit (only for learners who have ticked in it), remembering the items they have now seen.
    /// <paramref name="items"/> are each item's keys, current first.
    /// </summary>
    public async Task<(LearnerTicks Ticks, IReadOnlySet<string> NewKeys)> TutorialStateAsync(string? learnerId, string course, string tutorial,
        TutorialItems items, CancellationToken cancellationToken = default)
    {
        if (learnerId is null)
        {
            return (LearnerTicks.None, FrozenSet<string>.Empty);
        }
        var (ticks, seenKeys) = await ReadAsync(learnerId, course, tutorial, cancellationToken);
        // No visit recorded yet, or one that saw exactly the items there are now (the usual page view): nothing is new.
        if (seenKeys is null || seenKeys == items.Joined)
        {
            return (ticks, FrozenSet<string>.Empty);
        }
        var seen = seenKeys.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var fresh = items.Keys.Where(keys => !keys.Any(seen.Contains)).Select(keys => keys[0]).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        await writer.WriteAsync([$"""
            UPDATE "Visits" SET "SeenKeys" = {items.Joined}, "SeenAt" = {now}
            WHERE "LearnerId" = {learnerId} AND "CourseSlug" = {course} AND "TutorialSlug" = {tutorial}
            """], CancellationToken.None);
        return (ticks, fresh);
    }

    private async Task<(LearnerTicks Ticks, string? SeenKeys)> ReadAsync(string learnerId, string? course, string? tutorial, CancellationToken cancellationToken)
    {
        if (sqliteReader is not null)
        {
            return await sqliteReader.ReadAsync(learnerId, course, tutorial, Read, cancellationToken);
        }
        // PostgreSQL: plain ADO.NET on EF Core's pooled connection (Npgsql prepares and pools by itself).
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProgressDbContext>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Query;
            ProgressService.AddText(command, "learner", learnerId);
            ProgressService.AddText(command, "course", course);
            ProgressService.AddText(command, "tutorial", tutorial);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await Read(reader, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<(LearnerTicks, string?)> Read(DbDataReader reader, CancellationToken cancellationToken)
    {
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
        return (LearnerTicks.Undated(ticks), seen);
    }
}
