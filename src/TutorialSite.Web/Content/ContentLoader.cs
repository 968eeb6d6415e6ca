using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig.Extensions.Yaml;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using TutorialSite.Web.Content.Markdown;
using TutorialSite.Web.Content.Markdown.RawHtml;
using TutorialSite.Web.Content.Markdown.Highlighting;

namespace TutorialSite.Web.Content;

/// <summary>Reads the content folder into a <see cref="ContentSnapshot"/>, collecting every problem on the way.</summary>
public static partial class ContentLoader
{
    public const string CourseIndexFile = "_index.md";

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
    public static ContentSnapshot Load(string root, bool includeDrafts, ContentSnapshot? previous = null)
    {
        root = Path.GetFullPath(root);
        var problems = new List<ContentProblem>();
        if (!Directory.Exists(root))
        {
            problems.Add(new(root, 0, 0, Severity.Error, "the content folder does not exist; set `Content__Path` to the folder holding the courses", Rules.CourseIndexMissing));
            return new ContentSnapshot(root, [], problems);
        }
        var courses = new List<Course>();
        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            if (!Path.GetFileName(folder).StartsWith('.') && LoadCourse(root, folder, includeDrafts, previous, problems) is { } course)
            {
                courses.Add(course);
            }
        }
        courses.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : string.CompareOrdinal(a.Title, b.Title));
        var snapshot = new ContentSnapshot(root, courses, problems) { Site = SiteIdentity.Load(root, problems) };
        problems.AddRange(CheckAliases(snapshot));
        problems.AddRange(CheckLinks(snapshot));
        return snapshot;
    }

    private static Course? LoadCourse(string root, string folder, bool includeDrafts, ContentSnapshot? previous, List<ContentProblem> problems)
    {
        var slug = Path.GetFileName(folder);
        if (!CheckSlug(folder, slug, problems, isCourse: true))
        {
            return null;
        }
        var indexPath = Path.Combine(folder, CourseIndexFile);
        if (!File.Exists(indexPath))
        {
            problems.Add(new(folder, 0, 0, Severity.Error,
                $"course folder `{slug}` has no `{CourseIndexFile}`; add one with `title:` front matter", Rules.CourseIndexMissing));
            return null;
        }

        // Tutorials are independent of each other: parse and render them on all cores.
        var results = Directory.EnumerateFiles(folder, "*.md")
            .Where(f => Path.GetFileName(f) != CourseIndexFile)
            .Order(StringComparer.Ordinal)
            .AsParallel().AsOrdered()
            .Select(file =>
            {
                // A file unchanged since the previous snapshot is not parsed again: an edit costs one file.
                var stamp = Stamp(file);
                if (previous?.FindBySource(file) is { } unchanged && unchanged.SourceStamp == stamp && unchanged.CourseSlug == slug && !unchanged.CodePending)
                {
                    return (file, unchanged, unchanged.FileProblems.ToList());
                }
                var fileProblems = new List<ContentProblem>();
                var tutorial = Guarded(file, fileProblems, () => LoadTutorial(root, slug, file, fileProblems)) is { } loaded
                    ? loaded with { SourceStamp = stamp, FileProblems = fileProblems.ToList() }
                    : previous?.FindBySource(file); // the last good version, if this file was fine before
                return (file, tutorial, fileProblems);
            })
            .ToList();

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

        var indexHtml = new StringWriter();
        var rawHtml = new RawHtmlFindings();
        if (Guarded(indexPath, problems, () => Parse(root, indexPath, FrontMatterKeys.Course, problems) is { } parsed && Render(parsed, indexHtml, rawHtml) ? parsed : null) is not { } index)
        {
            return previous?.FindCourse(slug) is { } lastGood ? lastGood with { Tutorials = tutorials } : null;
        }
        problems.AddRange(Problems(indexPath, rawHtml.Issues));
        return new Course(slug, index.FrontMatter.Title!, index.FrontMatter.Description ?? Summary(index.Document),
            index.FrontMatter.Order ?? int.MaxValue, Utf8Html.From(indexHtml.ToString()), tutorials, indexPath)
        {
            Aliases = index.FrontMatter.Aliases.Where(a => !a.Contains('/', StringComparison.Ordinal)).ToList(),
            Links = [.. index.Links, .. RawLinks(rawHtml)],
        };
    }

    /// <summary>A course page's text, its raw HTML cleaned like a tutorial's.</summary>
    private static bool Render(Parsed index, StringWriter html, RawHtmlFindings rawHtml)
    {
        var writer = new StringWriter();
        var renderer = NewRenderer(writer);
        renderer.Render(index.Document);
        html.Write(RawHtmlSanitizer.Clean(writer.ToString(), RawHtmlExtension.MapOf(renderer), rawHtml));
        return true;
    }

    /// <summary>Taken before the file is read: a change while it is read shows as a newer stamp next time.</summary>
    private static (long Length, DateTime LastWriteUtc) Stamp(string file)
    {
        var info = new FileInfo(file);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : default;
    }

    private static Tutorial? LoadTutorial(string root, string courseSlug, string file, List<ContentProblem> problems)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var prefix = OrderPrefix().Match(name);
        var slug = prefix.Success ? name[prefix.Length..] : name;
        if (!CheckSlug(file, slug, problems, isCourse: false) || Parse(root, file, FrontMatterKeys.Tutorial, problems) is not { } parsed)
        {
            return null;
        }
        var (fm, document, links) = parsed;
        var order = fm.Order ?? (prefix.Success ? int.Parse(prefix.Groups[1].Value, CultureInfo.InvariantCulture) : int.MaxValue);

        var body = new StringWriter();
        var renderer = NewRenderer(body);
        var toc = new List<TocEntry>();
        var sections = new List<RenderedSection>();
        var rawHtml = new RawHtmlFindings();
        foreach (var block in document)
        {
            switch (block)
            {
                case YamlFrontMatterBlock:
                    break;
                case TutorialSection section:
                    sections.Add(RenderSection(section, rawHtml));
                    break;
                default:
                    if (block is HeadingBlock { Level: 2 or 3 } heading && heading.GetAttributes().Id is { } id)
                    {
                        toc.Add(new TocEntry(id, InlineText.Of(heading.Inline), heading.Level));
                    }
                    RawHtmlExtension.MarkBlock(renderer);
                    renderer.Render(block);
                    break;
            }
        }
        var bodyHtml = RawHtmlSanitizer.Clean(body.ToString(), RawHtmlExtension.MapOf(renderer), rawHtml);
        problems.AddRange(Problems(file, rawHtml.Issues));
        sections.Sort((a, b) => a.Kind.CompareTo(b.Kind));
        toc.AddRange(sections.Select(s => new TocEntry(s.Id, s.Title, 2)));
        var anchors = document.Descendants<HeadingBlock>().Select(h => h.GetAttributes().Id).OfType<string>()
            .Concat(sections.Select(s => s.Id))
            .Concat(sections.SelectMany(s => s.Items).Select(i => i.ElementId))
            .Concat(document.Descendants<FaqItem>().Select(f => f.Question.GetAttributes().Id).OfType<string>())
            .Concat(rawHtml.Ids)
            .ToHashSet(StringComparer.Ordinal);

        return new Tutorial(courseSlug, slug, fm.Title!, fm.Description ?? Summary(document), order, fm.Updated, fm.Tags, fm.Draft,
            Utf8Html.From(bodyHtml), toc, sections, file)
        {
            Aliases = [.. fm.Aliases.Select(a => a.Split('/') is [var course, var s] ? new TutorialId(course, s) : new TutorialId(courseSlug, a))],
            Links = [.. links, .. RawLinks(rawHtml)],
            Anchors = anchors,
            RemovedAnchors = rawHtml.RemovedIds.Where(r => !anchors.Contains(r.Key)).ToDictionary(StringComparer.Ordinal),
            ReadingMinutes = ReadingTime.Minutes(document),
            SearchText = Search.SearchText.Of(document),
            CodePending = CodeHighlighter.WasDeferred(document),
            Faq = [.. document.OfType<TutorialSection>().Where(s => s.Kind == SectionKind.Faq).SelectMany(s => s.OfType<FaqItem>())
                .Select(f => new FaqEntry(InlineText.Of(f.Question.Inline), InlineText.OfBlocks(f)))],
        };
    }

    private static RenderedSection RenderSection(TutorialSection section, RawHtmlFindings rawHtml)
    {
        var items = new List<ChecklistEntry>();
        var intro = new StringWriter();
        var introRenderer = NewRenderer(intro);
        foreach (var block in section)
        {
            if (block is ChecklistItem item)
            {
                var html = new StringWriter();
                var itemRenderer = NewRenderer(html);
                HtmlTutorialSectionRenderer.WriteItemContent(itemRenderer, item);
                var itemHtml = RawHtmlSanitizer.Clean(html.ToString(), RawHtmlExtension.MapOf(itemRenderer), rawHtml).Trim();
                items.Add(new ChecklistEntry(item.Key, Utf8Html.From(itemHtml), item.Line + 1) { FormerKeys = item.FormerKeys, Text = InlineText.OfBlocks(item) });
            }
            else if (section.IsChecklist)
            {
                introRenderer.Render(block);
            }
        }
        // A checklist's whole would repeat its items: the page renders checklists from the items instead.
        // Items were reported above, so only a section that is not a checklist is cleaned with its findings kept.
        var whole = new StringWriter();
        var wholeHtml = "";
        if (!section.IsChecklist)
        {
            var wholeRenderer = NewRenderer(whole);
            wholeRenderer.Render(section);
            wholeHtml = RawHtmlSanitizer.Clean(whole.ToString(), RawHtmlExtension.MapOf(wholeRenderer), rawHtml);
        }
        var introHtml = RawHtmlSanitizer.Clean(intro.ToString(), RawHtmlExtension.MapOf(introRenderer), rawHtml);
        return new RenderedSection(section.Kind, section.Id, section.Title, Utf8Html.From(wholeHtml), Utf8Html.From(introHtml), items);
    }

    private static IEnumerable<ContentProblem> Problems(string file, IEnumerable<MarkdownIssue> issues) =>
        issues.DistinctBy(i => (i.Line, i.Column, i.Message)).Select(i => new ContentProblem(file, i.Line + 1, i.Column + 1, i.Severity, i.Message, i.Rule));

    /// <summary>Links and images written as raw HTML, checked like the Markdown ones.</summary>
    private static IEnumerable<ContentLink> RawLinks(RawHtmlFindings rawHtml) =>
        rawHtml.Links.Select(l => new ContentLink(l.Url, l.Url, l.Line, l.Column, l.IsImage));

    private sealed record Parsed(FrontMatter FrontMatter, MarkdownDocument Document, IReadOnlyList<ContentLink> Links);

    /// <summary>Reads, decodes and parses one file; null (with problems recorded) when it cannot be served.</summary>
    private static Parsed? Parse(string root, string file, IReadOnlySet<string> allowedKeys, List<ContentProblem> problems)
    {
        string text;
        try
        {
            if (ContentLimits.CheckSize(file, new FileInfo(file).Length) is { } tooLarge)
            {
                problems.Add(tooLarge);
                return null;
            }
            var bytes = File.ReadAllBytes(file);
            if (!TryDecode(bytes, out text, out var badLine))
            {
                problems.Add(new(file, badLine, 0, Severity.Error, "the file is not valid UTF-8; save it as UTF-8", Rules.InvalidUtf8));
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new(file, 0, 0, Severity.Error, $"the file could not be read: {e.Message}", Rules.InvalidUtf8));
            return null;
        }
        if (ContentLimits.CheckLines(file, text) is { } tooLong)
        {
            problems.Add(tooLong);
            return null;
        }

        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(text, TutorialMarkdown.Pipeline);
        }
        catch (MarkdownTooDeepException e)
        {
            problems.Add(ContentLimits.TooDeep(file, text, e.Line + 1, e.Column + 1));
            return null;
        }
        catch (ArgumentException e) when (e.Message.Contains("nested", StringComparison.Ordinal))
        {
            // Markdig refuses input nested past MaximumNestingDepth rather than recursing without bound.
            problems.Add(ContentLimits.TooDeep(file, text, 0, 0));
            return null;
        }
        var front = document.FirstOrDefault() as YamlFrontMatterBlock;
        var fileProblems = new List<ContentProblem>();
        var fm = front is null
            ? FrontMatter.Empty
            : FrontMatter.Parse(front.Lines.ToString(), front.Line + 2, file, allowedKeys, fileProblems);
        if (string.IsNullOrWhiteSpace(fm.Title) && !fileProblems.Any(p => p.Rule is Rules.FrontMatterYaml or Rules.FrontMatterTooComplex))
        {
            fileProblems.Add(new(file, front is null ? 1 : front.Line + 1, 0, Severity.Error,
                front is null
                    ? "the file has no front matter; start it with `---`, a `title: ...` line and `---`"
                    : "front matter has no `title`; add a line like `title: Images vs Containers`",
                Rules.TitleMissing));
        }
        fileProblems.AddRange(MarkdownIssues.Of(document).Select(i => new ContentProblem(file, i.Line + 1, i.Column + 1, i.Severity, i.Message, i.Rule)));
        foreach (var fence in document.Descendants<FencedCodeBlock>().Where(f => string.IsNullOrWhiteSpace(f.Info)))
        {
            fileProblems.Add(new(file, fence.Line + 1, fence.Column + 1, Severity.Warning,
                "code block without a language; name it after the opening fence, like ```bash, ```csharp or ```text", Rules.CodeLanguage));
        }
        var links = RewriteLinks(root, file, document);
        problems.AddRange(fileProblems);
        return fileProblems.Any(p => p.Severity == Severity.Error && p.Rule is Rules.FrontMatterYaml or Rules.FrontMatterTooComplex or Rules.TitleMissing or Rules.FrontMatterValue)
            ? null
            : new Parsed(fm, document, links);
    }

    /// <summary>
    /// Points relative images and links to other Markdown files at their place on the site, so a file reads
    /// the same on GitHub and here: <c>images/a.png</c> and <c>02-volumes.md#x</c> work in both.
    /// </summary>
    private static List<ContentLink> RewriteLinks(string root, string file, MarkdownDocument document)
    {
        var links = new List<ContentLink>();
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (string.IsNullOrEmpty(link.Url) || link.Url == "#" && !link.IsImage)
            {
                continue;
            }
            var written = link.Url;
            if (!IsExternal(written) && !written.StartsWith('/') && !written.StartsWith('#'))
            {
                var (path, fragment) = SplitFragment(written);
                var full = Path.GetFullPath(Uri.UnescapeDataString(path), Path.GetDirectoryName(file)!);
                if (full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    var sitePath = "/" + Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
                    if (!link.IsImage && sitePath.EndsWith(".md", StringComparison.Ordinal))
                    {
                        sitePath = MarkdownFileUrl(sitePath);
                    }
                    link.Url = sitePath + fragment;
                }
            }
            links.Add(new ContentLink(written, link.Url, link.Line + 1, link.Column + 1, link.IsImage));
        }
        return links;
    }

    /// <summary><c>/docker/02-volumes.md</c> → <c>/docker/volumes</c>; <c>/docker/_index.md</c> → <c>/docker</c>.</summary>
    private static string MarkdownFileUrl(string sitePath)
    {
        var folder = sitePath[..sitePath.LastIndexOf('/')];
        var name = Path.GetFileNameWithoutExtension(sitePath);
        if (name == Path.GetFileNameWithoutExtension(CourseIndexFile))
        {
            return folder.Length == 0 ? "/" : folder;
        }
        var prefix = OrderPrefix().Match(name);
        return folder + "/" + (prefix.Success ? name[prefix.Length..] : name);
    }

    private static bool IsExternal(string url) => url.StartsWith("//", StringComparison.Ordinal) || SchemePrefix().IsMatch(url);

    private static (string Path, string Fragment) SplitFragment(string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (url, "") : (url[..hash], url[hash..]);
    }

    /// <summary>Every internal link must lead to a course, tutorial, heading or file that exists.</summary>
    private static IEnumerable<ContentProblem> CheckLinks(ContentSnapshot snapshot)
    {
        var pages = snapshot.Courses.Select(c => (Page: $"/{c.Slug}", File: c.SourcePath, c.Links, Tutorial: (Tutorial?)null))
            .Concat(snapshot.Tutorials.Select(t => (Page: $"/{t.CourseSlug}/{t.Slug}", File: t.SourcePath, t.Links, Tutorial: (Tutorial?)t)));
        foreach (var (page, file, links, tutorial) in pages)
        {
            foreach (var link in links.Where(l => !IsExternal(l.Target)))
            {
                if (Resolve(snapshot, page, tutorial, link) is { } message)
                {
                    yield return new ContentProblem(file, link.Line, link.Column, Severity.Error, message,
                        link.IsImage ? Rules.MissingImage : Rules.BrokenLink);
                }
            }
        }
    }

    /// <summary>Null when the link leads somewhere; otherwise what is wrong with it.</summary>
    private static string? Resolve(ContentSnapshot snapshot, string page, Tutorial? pageTutorial, ContentLink link)
    {
        var (path, fragment) = SplitFragment(link.Target);
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }
        var anchor = fragment.TrimStart('#');
        if (path.Length == 0)
        {
            return pageTutorial is null || anchor.Length == 0 || pageTutorial.Anchors.Contains(anchor)
                ? null
                : $"link to `#{anchor}`: {MissingAnchor(pageTutorial, anchor, "this page")}";
        }
        var absolute = new Uri(new Uri("http://site" + page), path).AbsolutePath.TrimEnd('/');
        var segments = absolute.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (link.IsImage || segments.LastOrDefault() is { } last && !ContentAddress.IsPageSegment(last))
        {
            var file = Path.Combine([snapshot.Root, .. segments]);
            var shown = Path.GetRelativePath(Path.GetDirectoryName(snapshot.Root)!, file);
            if (!File.Exists(file) || !Path.GetFullPath(file).StartsWith(snapshot.Root, StringComparison.Ordinal))
            {
                return $"{(link.IsImage ? "image" : "link")} `{link.Url}` points at `{shown}`, which does not exist";
            }
            return ContentAddress.IsServedAsset(file)
                ? null
                : $"{(link.IsImage ? "image" : "link")} `{link.Url}` points at `{shown}`, which the site does not serve: only {string.Join(", ", ContentAddress.AssetTypes.Keys)} files are";
        }
        switch (segments)
        {
            case []:
            case ["progress"]:
                return null;
            case [var course]:
                return snapshot.FindCourse(course) is not null || snapshot.FindCourseByAlias(course) is not null
                    ? null
                    : $"link `{link.Url}` leads to no course; courses are {string.Join(", ", snapshot.Courses.Select(c => $"`/{c.Slug}`"))}";
            case [var course, var slug]:
                var target = snapshot.FindTutorial(course, slug) ?? snapshot.FindByAlias(course, slug);
                if (target is null)
                {
                    var near = Spelling.Nearest(slug, snapshot.FindCourse(course)?.Tutorials.Select(t => t.Slug) ?? []);
                    return $"link `{link.Url}` leads to no tutorial" + (near is null ? "" : $"; did you mean `/{course}/{near}`?");
                }
                return anchor.Length == 0 || target.Anchors.Contains(anchor)
                    ? null
                    : $"link `{link.Url}`: {MissingAnchor(target, anchor, $"`/{target.CourseSlug}/{target.Slug}`")}";
            default:
                return $"link `{link.Url}` leads to no page of the site";
        }
    }

    /// <summary>Why a fragment leads nowhere: its element was removed by the HTML cleaning, or no element has that id.</summary>
    private static string MissingAnchor(Tutorial page, string anchor, string name) =>
        page.RemovedAnchors.TryGetValue(anchor, out var why)
            ? $"the element with id `{anchor}` on {name} was removed from its raw HTML ({why})"
            : $"no element on {name} has the id `{anchor}` (headings, FAQ questions, checklist items and `id` attributes count); {Suggest(anchor, page.Anchors)}";

    private static string Suggest(string anchor, IReadOnlySet<string> anchors) =>
        Spelling.Nearest(anchor, anchors) is { } near ? $"did you mean `#{near}`?" : "link to one of its headings";

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

    private static HtmlRenderer NewRenderer(TextWriter writer)
    {
        var renderer = new HtmlRenderer(writer);
        TutorialMarkdown.Pipeline.Setup(renderer);
        return renderer;
    }

    /// <summary>A description for pages whose editor wrote none: the first paragraph, cut at a word.</summary>
    private static string? Summary(MarkdownDocument document)
    {
        var text = document.OfType<ParagraphBlock>().Select(p => InlineText.Of(p.Inline)).FirstOrDefault(t => t.Length > 0);
        if (text is null || text.Length <= 160)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', 157);
        return text[..(cut > 80 ? cut : 157)] + "…";
    }

    [GeneratedRegex(@"^(\d+)-")]
    private static partial Regex OrderPrefix();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex SchemePrefix();
}
