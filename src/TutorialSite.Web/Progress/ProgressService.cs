using Microsoft.EntityFrameworkCore;

namespace TutorialSite.Web.Progress;

/// <summary>Reads and writes a learner's ticks and reviews. Content is referred to only by its stable keys; time comes from <see cref="TimeProvider"/>.</summary>
public sealed class ProgressService(ProgressDbContext db, TickWriter writer, ProgressMetrics metrics, TimeProvider clock)
{
    /// <summary>Now, as every time this service stores is taken (tests move it).</summary>
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// All ticks of a learner with when each was made, in one query by the primary key's prefix; none for no learner.
    /// A page that only counts or shows ticks reads them undated through <see cref="TickReader"/>, without a scope.
    /// </summary>
    public async Task<LearnerTicks> TicksAsync(string? learnerId, CancellationToken cancellationToken = default) =>
        learnerId is null ? LearnerTicks.None
            : new LearnerTicks(await db.Ticks.AsNoTracking().Where(t => t.LearnerId == learnerId).ToListAsync(cancellationToken));

    /// <summary>
    /// Ticks or unticks an item and remembers the items the learner has now seen, in one commit; returns the
    /// learner it was stored for. Without a known learner (<paramref name="learnerId"/> null, or an id the server did
    /// not issue, which is never adopted) a new one is created in the same commit.
    /// </summary>
    /// <param name="tutorials">Every identity of the tutorial, its current one first.</param>
    /// <param name="keys">Every key of the item, its current one first. A tick is stored under the current
    /// identity; unticking removes it under all of them, so an old tick cannot keep the item ticked.</param>
    /// <param name="items">The keys of every item the tutorial has now, for "new since your last visit".</param>
    public async Task<SavedLearner> SaveTickAsync(string? learnerId, IReadOnlyList<(string Course, string Tutorial)> tutorials,
        IReadOnlyList<string> keys, bool done, TutorialItems items, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var (learner, create) = await LearnerForWriteAsync(learnerId, now, cancellationToken);
        var statements = new List<FormattableString>();
        if (create is not null)
        {
            statements.Add(create);
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
            statements.AddRange(Untick(learner, tutorials, keys));
        }
        statements.Add($"""
            INSERT INTO "Visits" ("LearnerId", "CourseSlug", "TutorialSlug", "SeenKeys", "SeenAt")
            VALUES ({learner}, {course}, {tutorial}, {items.Joined}, {now})
            ON CONFLICT ("LearnerId", "CourseSlug", "TutorialSlug") DO UPDATE SET "SeenKeys" = excluded."SeenKeys", "SeenAt" = excluded."SeenAt"
            """);
        try
        {
            await writer.WriteAsync(statements, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.TickFailed();
            throw;
        }
        metrics.TickSaved();
        return new(learner, IsNew: create is not null);
    }

    /// <summary>
    /// The learner a write is for: <paramref name="learnerId"/> if the database knows it, or a new id with the
    /// statement that creates it, to commit with the write (the browser is told the id only after that commit). An id
    /// the server did not issue is never adopted.
    /// </summary>
    public async Task<(string Id, FormattableString? Create)> LearnerForWriteAsync(string? learnerId, DateTime now, CancellationToken cancellationToken = default)
    {
        if (learnerId is not null && await IsKnownAsync(learnerId, cancellationToken))
        {
            return (learnerId, null);
        }
        var id = LearnerId.New();
        return (id, $"""INSERT INTO "Learners" ("Id", "CreatedAt") VALUES ({id}, {now})""");
    }

    /// <summary>Whether the learner exists: an id the server did not issue is never adopted.</summary>
    private async Task<bool> IsKnownAsync(string learnerId, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT 1 FROM "Learners" WHERE "Id" = @learner""";
            AddText(command, "learner", learnerId);
            return await command.ExecuteScalarAsync(cancellationToken) is not null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Removing an item's tick: under every identity it may have been stored with.</summary>
    private static IEnumerable<FormattableString> Untick(string learner, IReadOnlyList<(string Course, string Tutorial)> tutorials, IReadOnlyList<string> keys) =>
        tutorials.SelectMany(t => keys.Select(k => (FormattableString)$"""
            DELETE FROM "Ticks" WHERE "LearnerId" = {learner} AND "CourseSlug" = {t.Course} AND "TutorialSlug" = {t.Tutorial} AND "ItemKey" = {k}
            """));

    /// <summary>A learner's review answers, every item's (retired ones too): one query by the key's prefix; none for no learner.</summary>
    public async Task<IReadOnlyList<Review>> ReviewsAsync(string? learnerId, CancellationToken cancellationToken = default) =>
        learnerId is null ? [] : await db.Reviews.AsNoTracking().Where(r => r.LearnerId == learnerId).ToListAsync(cancellationToken);

    /// <summary>
    /// Records an answer to a due review, in one commit. "Still true" moves the item to <paramref name="next"/>
    /// (<see cref="ReviewSchedule.AfterStillTrue"/>); "Not anymore" unticks it under every identity, so its next tick
    /// starts the schedule again. The answer is stored under the item's current identity (first of each list) and
    /// counted there for insights.
    /// </summary>
    public async Task AnswerReviewAsync(string learner, IReadOnlyList<(string Course, string Tutorial)> tutorials, IReadOnlyList<string> keys,
        bool stillTrue, (int Box, DateTime DueAt) next, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var (course, tutorial) = tutorials[0];
        var (stillTrueCount, notAnymoreCount) = stillTrue ? (1, 0) : (0, 1);
        var statements = new List<FormattableString>
        {
            $"""
            INSERT INTO "Reviews" ("LearnerId", "CourseSlug", "TutorialSlug", "ItemKey", "Box", "DueAt", "AnsweredAt", "StillTrue", "NotAnymore")
            VALUES ({learner}, {course}, {tutorial}, {keys[0]}, {next.Box}, {next.DueAt}, {now}, {stillTrueCount}, {notAnymoreCount})
            ON CONFLICT ("LearnerId", "CourseSlug", "TutorialSlug", "ItemKey") DO UPDATE SET "Box" = excluded."Box", "DueAt" = excluded."DueAt",
                "AnsweredAt" = excluded."AnsweredAt", "StillTrue" = "Reviews"."StillTrue" + excluded."StillTrue", "NotAnymore" = "Reviews"."NotAnymore" + excluded."NotAnymore"
            """,
        };
        if (!stillTrue)
        {
            statements.AddRange(Untick(learner, tutorials, keys));
        }
        await writer.WriteAsync(statements, cancellationToken);
        metrics.ReviewAnswered(stillTrue ? ReviewSchedule.StillTrue : ReviewSchedule.NotAnymore);
    }

    /// <summary>Deletes all of a learner's ticks and reviews: their own explicit, confirmed choice.</summary>
    public async Task<int> ResetAsync(string learnerId, CancellationToken cancellationToken = default)
    {
        await db.Visits.Where(v => v.LearnerId == learnerId).ExecuteDeleteAsync(cancellationToken);
        await db.Reviews.Where(r => r.LearnerId == learnerId).ExecuteDeleteAsync(cancellationToken);
        return await db.Ticks.Where(t => t.LearnerId == learnerId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A text parameter, typed even when null (PostgreSQL cannot infer the type of a bare null).</summary>
    internal static void AddText(System.Data.Common.DbCommand command, string name, string? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.DbType = System.Data.DbType.String;
        parameter.Value = (object?)value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
