using System.Text;
using TutorialSite.Web.Content.Markdown;

namespace TutorialSite.Web.Content;

/// <summary>
/// Reads the content folder into a <see cref="ContentSnapshot"/>, collecting every problem on the way: walks the course
/// folders, reuses what the previous snapshot parsed from files unchanged since, hands every other file's text to
/// <see cref="TutorialParser"/>, then checks what spans files (slugs, aliases, <see cref="LinkCheck">links</see>).
/// </summary>
public static partial class ContentLoader
{
    /// <summary>Slugs the site's own routes use; a course cannot take them.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal)
    {
        "progress", "review", "status", "lib", "css", "js", "healthz", "readyz", "search", "tags", "courses", "site-theme.css", "feed.xml", "sitemap.xml", "robots.txt", "favicon.svg",
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="includeDrafts">Whether tutorials marked <c>draft: true</c> are part of the snapshot.</param>
    /// <param name="previous">
    /// The snapshot being replaced: a file that now fails to load keeps its last good version from it, so a
    /// half-saved edit never takes a tutorial down.
    /// </param>
    /// <param name="cancellationToken">Checked while the files are parsed and before each course: a batch of the first start's pass gives way to an edit.</param>
    public static ContentSnapshot Load(string root, bool includeDrafts, ContentSnapshot? previous = null, CancellationToken cancellationToken = default)
    {
        root = Path.GetFullPath(root);
        var problems = new List<ContentProblem>();
        if (!Directory.Exists(root))
        {
            problems.Add(new(root, 0, 0, Severity.Error, "the content folder does not exist; set `Content__Path` to the folder holding the courses", Rules.CourseIndexMissing));
            return new ContentSnapshot(root, [], problems);
        }
        var folders = Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal)
            .Where(folder => !Path.GetFileName(folder).StartsWith('.')).ToList();
        // Tutorials are independent of each other: every course's are parsed and rendered in one parallel pass over all
        // cores (course by course, each course's slowest file left the other core idle before the next course began).
        var loaded = LoadTutorials(root, folders, previous, cancellationToken);
        var courses = new List<Course>();
        foreach (var folder in folders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (LoadCourse(root, folder, includeDrafts, previous, loaded, problems) is { } course)
            {
                courses.Add(course);
            }
        }
        courses.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : string.CompareOrdinal(a.Title, b.Title));
        var snapshot = new ContentSnapshot(root, courses, problems) { Site = SiteIdentity.Load(root, problems) };
        problems.AddRange(CheckAliases(snapshot));
        problems.AddRange(LinkCheck.Problems(snapshot));
        return snapshot;
    }

    /// <summary>
    /// Every tutorial file of the course folders that can hold a course (a valid slug and a course index), read and
    /// parsed on all cores; by course folder, each course's files in their order.
    /// </summary>
    private static Dictionary<string, List<(string File, Tutorial? Tutorial, List<ContentProblem> Problems)>> LoadTutorials(
        string root, List<string> folders, ContentSnapshot? previous, CancellationToken cancellationToken = default)
    {
        var files = folders
            .Where(folder => Slug.IsValid(Path.GetFileName(folder)) && !ReservedSlugs.Contains(Path.GetFileName(folder))
                && File.Exists(Path.Combine(folder, ContentAddress.CourseIndexFile)))
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.md")
                .Where(f => Path.GetFileName(f) != ContentAddress.CourseIndexFile)
                .Order(StringComparer.Ordinal)
                .Select(file => (Folder: folder, File: file)))
            .ToList();
        var results = files
            .AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(item =>
            {
                var slug = Path.GetFileName(item.Folder);
                var file = item.File;
                // A file unchanged since the previous snapshot is not parsed again: an edit costs one file.
                var stamp = Stamp(file);
                if (previous?.FindBySource(file) is { } unchanged && unchanged.SourceStamp == stamp && unchanged.CourseSlug == slug && !unchanged.CodePending)
                {
                    return (item.Folder, file, (Tutorial?)unchanged, unchanged.FileProblems.ToList());
                }
                var fileProblems = new List<ContentProblem>();
                var tutorial = Guarded(file, fileProblems, () => LoadTutorial(root, slug, file, fileProblems)) is { } loaded
                    ? loaded with { SourceStamp = stamp, FileProblems = fileProblems.ToList() }
                    : previous?.FindBySource(file); // the last good version, if this file was fine before
                return (item.Folder, file, tutorial, fileProblems);
            })
            .ToList();
        var byFolder = new Dictionary<string, List<(string File, Tutorial? Tutorial, List<ContentProblem> Problems)>>(StringComparer.Ordinal);
        foreach (var (folder, file, tutorial, fileProblems) in results)
        {
            if (!byFolder.TryGetValue(folder, out var list))
            {
                byFolder[folder] = list = [];
            }
            list.Add((file, tutorial, fileProblems));
        }
        return byFolder;
    }

    private static Course? LoadCourse(string root, string folder, bool includeDrafts, ContentSnapshot? previous,
        Dictionary<string, List<(string File, Tutorial? Tutorial, List<ContentProblem> Problems)>> loaded, List<ContentProblem> problems)
    {
        var slug = Path.GetFileName(folder);
        if (!CheckSlug(folder, slug, problems, isCourse: true))
        {
            return null;
        }
        var indexPath = Path.Combine(folder, ContentAddress.CourseIndexFile);
        if (!File.Exists(indexPath))
        {
            problems.Add(new(folder, 0, 0, Severity.Error,
                $"course folder `{slug}` has no `{ContentAddress.CourseIndexFile}`; add one with `title:` front matter", Rules.CourseIndexMissing));
            return null;
        }
        // Parsed by LoadTutorials; a course index that appeared since has its files read here.
        var results = loaded.GetValueOrDefault(folder) ?? LoadTutorials(root, [folder], previous).GetValueOrDefault(folder) ?? [];

        var tutorials = new List<Tutorial>();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, tutorial, fileProblems) in results)
        {
            problems.AddRange(fileProblems);
            if (tutorial is null)
            {
                continue;
            }
            if (files.TryGetValue(tutorial.Slug, out var first))
            {
                problems.Add(new(file, 1, 0, Severity.Error,
                    $"tutorial slug `{tutorial.Slug}` is already used by `{Path.GetFileName(first)}` in this course; rename one of the files",
                    Rules.DuplicateSlug));
                continue;
            }
            files[tutorial.Slug] = file;
            if (includeDrafts || !tutorial.Draft)
            {
                tutorials.Add(tutorial);
            }
        }
        tutorials.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : string.CompareOrdinal(a.Slug, b.Slug));

        if (Guarded(indexPath, problems, () => ReadText(indexPath, problems) is { } text ? TutorialParser.ParseCourse(text, indexPath, root, slug, problems) : null) is not { } course)
        {
            return previous?.FindCourse(slug) is { } lastGood ? lastGood with { Tutorials = tutorials } : null;
        }
        return course with { Tutorials = tutorials };
    }

    /// <summary>Taken before the file is read: a change while it is read shows as a newer stamp next time.</summary>
    private static (long Length, DateTime LastWriteUtc) Stamp(string file)
    {
        var info = new FileInfo(file);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : default;
    }

    private static Tutorial? LoadTutorial(string root, string courseSlug, string file, List<ContentProblem> problems) =>
        CheckSlug(file, ContentAddress.TutorialSlugOf(file), problems, isCourse: false) && ReadText(file, problems) is { } text
            ? TutorialParser.Parse(text, file, root, courseSlug, problems)
            : null;

    /// <summary>Reads and decodes one file; null (with problems recorded) when it is too large or not UTF-8 text.</summary>
    private static string? ReadText(string file, List<ContentProblem> problems)
    {
        try
        {
            if (ContentLimits.CheckSize(file, new FileInfo(file).Length) is { } tooLarge)
            {
                problems.Add(tooLarge);
                return null;
            }
            var bytes = File.ReadAllBytes(file);
            if (!TryDecode(bytes, out var text, out var badLine))
            {
                problems.Add(new(file, badLine, 0, Severity.Error, "the file is not valid UTF-8; save it as UTF-8", Rules.InvalidUtf8));
                return null;
            }
            return text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new(file, 0, 0, Severity.Error, $"the file could not be read: {e.Message}", Rules.InvalidUtf8));
            return null;
        }
    }

    /// <summary>An alias must name a former identity, not a tutorial that exists, and only one tutorial may claim it.</summary>
    private static IEnumerable<ContentProblem> CheckAliases(ContentSnapshot snapshot)
    {
        var claimed = new Dictionary<TutorialId, Tutorial>();
        foreach (var tutorial in snapshot.Tutorials)
        {
            foreach (var alias in tutorial.Aliases)
            {
                if (snapshot.FindTutorial(alias.Course, alias.Slug) is { } existing)
                {
                    yield return new(tutorial.SourcePath, 1, 0, Severity.Error,
                        $"alias `{alias}` is the address of `{Path.GetFileName(existing.SourcePath)}`, which exists; an alias is a former address of this tutorial", Rules.AliasConflict);
                }
                else if (!claimed.TryAdd(alias, tutorial))
                {
                    yield return new(tutorial.SourcePath, 1, 0, Severity.Error,
                        $"alias `{alias}` is also claimed by `{Path.GetFileName(claimed[alias].SourcePath)}`; an old address can lead to one tutorial only", Rules.AliasConflict);
                }
            }
        }
    }

    private static bool TryDecode(byte[] bytes, out string text, out int badLine)
    {
        try
        {
            var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
            text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
            badLine = 0;
            return true;
        }
        catch (DecoderFallbackException e)
        {
            text = "";
            var at = e.Index >= 0 ? Math.Min(e.Index, bytes.Length) : 0;
            badLine = 1 + bytes.AsSpan(0, at).Count((byte)'\n');
            return false;
        }
    }

    private static bool CheckSlug(string path, string slug, List<ContentProblem> problems, bool isCourse)
    {
        if (!Slug.IsValid(slug))
        {
            problems.Add(new(path, 0, 0, Severity.Error,
                $"`{slug}` is not a valid {(isCourse ? "course folder" : "tutorial file")} name: use lower-case letters, digits and dashes, like `{Slug.From(slug)}`",
                Rules.InvalidSlug));
            return false;
        }
        if (isCourse && ReservedSlugs.Contains(slug))
        {
            problems.Add(new(path, 0, 0, Severity.Error, $"`{slug}` is a page of the site itself; name the course folder differently", Rules.ReservedSlug));
            return false;
        }
        return true;
    }
}
