using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;

namespace TutorialSite.Web.Progress;

/// <summary>A learner's ticks as a file they can keep: <c>tutorialsite-progress.json</c>.</summary>
public sealed record ProgressFile(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("exportedAt")] DateTime ExportedAt,
    [property: JsonPropertyName("ticks")] IReadOnlyList<ProgressFile.Entry> Ticks,
    [property: JsonPropertyName("reviews")] IReadOnlyList<ProgressFile.ReviewEntry>? Reviews = null)
{
    public const string FormatName = "tutorialsite-progress";

    /// <summary>Where a takeaway stands in its review; files from before reviews have none (still version 1).</summary>
    public sealed record ReviewEntry(
        [property: JsonPropertyName("course")] string Course,
        [property: JsonPropertyName("tutorial")] string Tutorial,
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("box")] int Box,
        [property: JsonPropertyName("dueAt")] DateTime DueAt,
        [property: JsonPropertyName("answeredAt")] DateTime AnsweredAt,
        [property: JsonPropertyName("stillTrue")] int StillTrue,
        [property: JsonPropertyName("notAnymore")] int NotAnymore);

    public sealed record Entry(
        [property: JsonPropertyName("course")] string Course,
        [property: JsonPropertyName("tutorial")] string Tutorial,
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("tickedAt")] DateTime TickedAt);
}

/// <summary>
/// What an import did: nothing is ever deleted; ticks the content does not know are reported, not stored.
/// <see cref="Learner"/> is who the ticks were stored for (null when nothing was stored).
/// </summary>
public sealed record ImportReport(int Added, int AlreadyThere, IReadOnlyList<string> Unknown, string? Error = null, SavedLearner? Learner = null);

/// <summary>Moving progress between browsers: export and import as a file, and short single-use device codes.</summary>
public sealed class ProgressTransfer(ProgressDbContext db, ProgressService progress, TickWriter writer, TimeProvider clock, ProgressMetrics metrics)
{
    /// <summary>How long a device code works.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>No 0/O or 1/I: a code is read off one screen and typed on another.</summary>
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<ProgressFile> ExportAsync(string learnerId, CancellationToken cancellationToken = default)
    {
        var file = new ProgressFile(ProgressFile.FormatName, 1, clock.GetUtcNow().UtcDateTime,
            [.. (await db.Ticks.AsNoTracking().Where(t => t.LearnerId == learnerId).ToListAsync(cancellationToken))
                .OrderBy(t => t.CourseSlug).ThenBy(t => t.TutorialSlug).ThenBy(t => t.ItemKey)
                .Select(t => new ProgressFile.Entry(t.CourseSlug, t.TutorialSlug, t.ItemKey, Utc(t.TickedAt)))],
            [.. (await db.Reviews.AsNoTracking().Where(r => r.LearnerId == learnerId).ToListAsync(cancellationToken))
                .OrderBy(r => r.CourseSlug).ThenBy(r => r.TutorialSlug).ThenBy(r => r.ItemKey)
                .Select(r => new ProgressFile.ReviewEntry(r.CourseSlug, r.TutorialSlug, r.ItemKey, r.Box, Utc(r.DueAt), Utc(r.AnsweredAt), r.StillTrue, r.NotAnymore))]);
        metrics.Transferred("export");
        return file;
    }

    /// <summary>
    /// Merges a file's ticks into the learner's: ticks <paramref name="isKnown"/> accepts are added (never
    /// removed), the others are reported. A file that is not a progress file changes nothing. Without a known
    /// learner (<paramref name="learnerId"/>) the ticks go to a new one, created in the same commit.
    /// </summary>
    public async Task<ImportReport> ImportAsync(string? learnerId, Stream file, Func<string, string, string, bool> isKnown, CancellationToken cancellationToken = default)
    {
        ProgressFile? parsed;
        try
        {
            parsed = await JsonSerializer.DeserializeAsync<ProgressFile>(file, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            // Plain words for the learner: the parser's message (a line and a byte position) helps nobody here.
            return new(0, 0, [], "This file could not be read as a progress file. Choose the .json file that \"Download my progress\" saved.");
        }
        if (parsed is not { Format: ProgressFile.FormatName, Version: 1, Ticks: not null })
        {
            return new(0, 0, [], "This file is not a progress file from this site. Choose the .json file that \"Download my progress\" saved.");
        }
        var entries = parsed.Ticks.Where(e => e is { Course.Length: > 0 and <= 100, Tutorial.Length: > 0 and <= 100, Key.Length: > 0 and <= 100 }).ToList();
        var known = entries.Where(e => isKnown(e.Course, e.Tutorial, e.Key)).DistinctBy(e => (e.Course, e.Tutorial, e.Key)).ToList();
        var unknown = parsed.Ticks.Except(known).Select(e => $"{e.Course}/{e.Tutorial}#{e.Key}").Distinct().ToList();
        if (known.Count == 0)
        {
            return new(0, 0, unknown);
        }
        // Reviews of items the content knows, with sane numbers; an unknown one is dropped (its tick is reported).
        var reviews = (parsed.Reviews ?? []).Where(r => r is { Course.Length: > 0 and <= 100, Tutorial.Length: > 0 and <= 100, Key.Length: > 0 and <= 100, StillTrue: >= 0, NotAnymore: >= 0 }
                && r.Box >= 0 && r.Box < ReviewSchedule.Intervals.Count && isKnown(r.Course, r.Tutorial, r.Key))
            .DistinctBy(r => (r.Course, r.Tutorial, r.Key)).ToList();

        var (learner, create) = await progress.LearnerForWriteAsync(learnerId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var before = create is not null ? 0 : await db.Ticks.CountAsync(t => t.LearnerId == learner, cancellationToken);
        var statements = new List<FormattableString>();
        if (create is not null)
        {
            statements.Add(create);
        }
        statements.AddRange(known.Select(e => (FormattableString)$"""
            INSERT INTO "Ticks" ("LearnerId", "CourseSlug", "TutorialSlug", "ItemKey", "TickedAt")
            VALUES ({learner}, {e.Course}, {e.Tutorial}, {e.Key}, {Utc(e.TickedAt)}) ON CONFLICT DO NOTHING
            """));
        // The later answer wins: importing the same file twice, or an older one, changes nothing.
        statements.AddRange(reviews.Select(r => (FormattableString)$"""
            INSERT INTO "Reviews" ("LearnerId", "CourseSlug", "TutorialSlug", "ItemKey", "Box", "DueAt", "AnsweredAt", "StillTrue", "NotAnymore")
            VALUES ({learner}, {r.Course}, {r.Tutorial}, {r.Key}, {r.Box}, {Utc(r.DueAt)}, {Utc(r.AnsweredAt)}, {r.StillTrue}, {r.NotAnymore})
            ON CONFLICT ("LearnerId", "CourseSlug", "TutorialSlug", "ItemKey") DO UPDATE SET "Box" = excluded."Box", "DueAt" = excluded."DueAt",
                "AnsweredAt" = excluded."AnsweredAt", "StillTrue" = excluded."StillTrue", "NotAnymore" = excluded."NotAnymore"
            WHERE excluded."AnsweredAt" > "Reviews"."AnsweredAt"
            """));
        await writer.WriteAsync(statements, cancellationToken);
        var added = await db.Ticks.CountAsync(t => t.LearnerId == learner, cancellationToken) - before;
        metrics.Transferred("import");
        return new(added, known.Count - added, unknown, Learner: new(learner, IsNew: create is not null));
    }

    /// <summary>A new code for this learner, shown once; it works for <see cref="CodeLifetime"/>, once.</summary>
    public async Task<string> CreateCodeAsync(string learnerId, CancellationToken cancellationToken = default)
    {
        var code = new string(RandomNumberGenerator.GetItems<char>(CodeAlphabet, 10));
        db.DeviceCodes.Add(new DeviceCode { CodeHash = Hash(code), LearnerId = learnerId, ExpiresAt = clock.GetUtcNow().UtcDateTime + CodeLifetime });
        await db.SaveChangesAsync(cancellationToken);
        metrics.Transferred("link_code");
        return $"{code[..5]}-{code[5..]}";
    }

    /// <summary>
    /// The learner behind <paramref name="code"/>, if it is valid, unused and unexpired (it is then used up); the
    /// caller attaches its browser to them.
    /// </summary>
    public async Task<string?> RedeemCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        var normalized = new string([.. code.ToUpperInvariant().Where(CodeAlphabet.Contains)]);
        if (normalized.Length != 10)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = Hash(normalized);
        // One statement marks it used: two browsers racing with the same code cannot both win.
        var claimed = await db.DeviceCodes.Where(c => c.CodeHash == hash && c.UsedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (claimed != 1)
        {
            return null;
        }
        var learner = await db.DeviceCodes.Where(c => c.CodeHash == hash).Select(c => c.LearnerId).SingleAsync(cancellationToken);
        metrics.Transferred("link_redeemed");
        return learner;
    }

    /// <summary>SQLite hands back times without a kind; every time stored is UTC, and PostgreSQL insists on being told.</summary>
    private static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(code)));
}
