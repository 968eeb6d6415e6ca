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
    [property: JsonPropertyName("ticks")] IReadOnlyList<ProgressFile.Entry> Ticks)
{
    public const string FormatName = "tutorialsite-progress";

    public sealed record Entry(
        [property: JsonPropertyName("course")] string Course,
        [property: JsonPropertyName("tutorial")] string Tutorial,
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("tickedAt")] DateTime TickedAt);
}

/// <summary>What an import did: nothing is ever deleted; ticks the content does not know are reported, not stored.</summary>
public sealed record ImportReport(int Added, int AlreadyThere, IReadOnlyList<string> Unknown, string? Error = null, string? LearnerId = null);

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
                .Select(t => new ProgressFile.Entry(t.CourseSlug, t.TutorialSlug, t.ItemKey, t.TickedAt))]);
        metrics.Transferred("export");
        return file;
    }

    /// <summary>
    /// Merges a file's ticks into the learner's: ticks <paramref name="isKnown"/> accepts are added (never
    /// removed), the others are reported. A file that is not a progress file changes nothing.
    /// </summary>
    public async Task<ImportReport> ImportAsync(HttpContext context, Stream file, Func<string, string, string, bool> isKnown, CancellationToken cancellationToken = default)
    {
        ProgressFile? parsed;
        try
        {
            parsed = await JsonSerializer.DeserializeAsync<ProgressFile>(file, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            return new(0, 0, [], $"This is not a progress file (the JSON is not valid: {e.Message.Split('.')[0]}).");
        }
        if (parsed is not { Format: ProgressFile.FormatName, Version: 1, Ticks: not null })
        {
            return new(0, 0, [], "This is not a TutorialSite progress file (its \"format\" must be \"tutorialsite-progress\", version 1).");
        }
        var entries = parsed.Ticks.Where(e => e is { Course.Length: > 0 and <= 100, Tutorial.Length: > 0 and <= 100, Key.Length: > 0 and <= 100 }).ToList();
        var known = entries.Where(e => isKnown(e.Course, e.Tutorial, e.Key)).DistinctBy(e => (e.Course, e.Tutorial, e.Key)).ToList();
        var unknown = parsed.Ticks.Except(known).Select(e => $"{e.Course}/{e.Tutorial}#{e.Key}").Distinct().ToList();
        if (known.Count == 0)
        {
            return new(0, 0, unknown);
        }

        var (learner, create) = await progress.LearnerForWriteAsync(context, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var before = create is not null ? 0 : await db.Ticks.CountAsync(t => t.LearnerId == learner, cancellationToken);
        var statements = new List<FormattableString>();
        if (create is not null)
        {
            statements.Add(create);
        }
        statements.AddRange(known.Select(e => (FormattableString)$"""
            INSERT INTO "Ticks" ("LearnerId", "CourseSlug", "TutorialSlug", "ItemKey", "TickedAt")
            VALUES ({learner}, {e.Course}, {e.Tutorial}, {e.Key}, {DateTime.SpecifyKind(e.TickedAt, DateTimeKind.Utc)}) ON CONFLICT DO NOTHING
            """));
        await writer.WriteAsync(statements, cancellationToken);
        if (create is not null)
        {
            LearnerCookie.Write(context, learner);
        }
        var added = await db.Ticks.CountAsync(t => t.LearnerId == learner, cancellationToken) - before;
        metrics.Transferred("import");
        return new(added, known.Count - added, unknown, LearnerId: learner);
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

    /// <summary>Attaches this browser to the learner behind <paramref name="code"/>, if it is valid, unused and unexpired; returns that learner.</summary>
    public async Task<string?> RedeemCodeAsync(HttpContext context, string code, CancellationToken cancellationToken = default)
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
        LearnerCookie.Write(context, learner);
        metrics.Transferred("link_redeemed");
        return learner;
    }

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(code)));
}
