using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig.Renderers.Html;
using Markdig.Extensions.Yaml;
using Markdig.Renderers;
using Markdig.Syntax;
using TutorialSite.Web.Content.Markdown;

namespace TutorialSite.Web.Content;

/// <summary>Reads the content folder into a <see cref="ContentSnapshot"/>, collecting every problem on the way.</summary>
public static partial class ContentLoader
{
    public const string CourseIndexFile = "_index.md";

    /// <summary>Slugs the site's own routes use; a course cannot take them.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal)
    {
        "progress", "status", "lib", "css", "js", "healthz", "readyz", "search", "tags", "feed.xml", "sitemap.xml", "robots.txt",
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="includeDrafts">Whether tutorials marked <c>draft: true</c> are part of the snapshot.</param>
    public static ContentSnapshot Load(string root, bool includeDrafts)
    {
        var problems = new List<ContentProblem>();
        if (!Directory.Exists(root))
        {
            problems.Add(new(root, 0, 0, Severity.Error, "the content folder does not exist; set `Content__Path` to the folder holding the courses", Rules.CourseIndexMissing));
            return new ContentSnapshot([], problems);
        }
        var courses = new List<Course>();
        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(folder).StartsWith('.'))
            {
                continue;
            }
            if (LoadCourse(folder, includeDrafts, problems) is { } course)
            {
                courses.Add(course);
            }
        }
        courses.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : string.CompareOrdinal(a.Title, b.Title));
        return new ContentSnapshot(courses, problems);
    }

    private static Course? LoadCourse(string folder, bool includeDrafts, List<ContentProblem> problems)
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
        if (Parse(indexPath, FrontMatterKeys.Course, problems) is not { } index)
        {
            return null;
        }

        var tutorials = new List<Tutorial>();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) == CourseIndexFile || LoadTutorial(slug, file, problems) is not { } tutorial)
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
        return new Course(slug, index.FrontMatter.Title!, index.FrontMatter.Description, index.FrontMatter.Order ?? int.MaxValue,
            RenderAll(index.Document), tutorials, indexPath);
    }

    private static Tutorial? LoadTutorial(string courseSlug, string file, List<ContentProblem> problems)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var prefix = OrderPrefix().Match(name);
        var slug = prefix.Success ? name[prefix.Length..] : name;
        if (!CheckSlug(file, slug, problems, isCourse: false) || Parse(file, FrontMatterKeys.Tutorial, problems) is not { } parsed)
        {
            return null;
        }
        var (fm, document) = parsed;
        var order = fm.Order ?? (prefix.Success ? int.Parse(prefix.Groups[1].Value, CultureInfo.InvariantCulture) : int.MaxValue);

        var body = new StringWriter();
        var renderer = NewRenderer(body);
        var toc = new List<TocEntry>();
        var sections = new List<RenderedSection>();
        foreach (var block in document)
        {
            switch (block)
            {
                case YamlFrontMatterBlock:
                    break;
                case TutorialSection section:
                    sections.Add(RenderSection(section));
                    break;
                default:
                    if (block is HeadingBlock { Level: 2 or 3 } heading && heading.GetAttributes().Id is { } id)
                    {
                        toc.Add(new TocEntry(id, InlineText.Of(heading.Inline), heading.Level));
                    }
                    renderer.Render(block);
                    break;
            }
        }
        sections.Sort((a, b) => a.Kind.CompareTo(b.Kind));
        toc.AddRange(sections.Select(s => new TocEntry(s.Id, s.Title, 2)));
        renderer.Writer.Flush();

        return new Tutorial(courseSlug, slug, fm.Title!, fm.Description ?? Summary(document), order, fm.Updated, fm.Tags, fm.Draft,
            body.ToString(), toc, sections, file);
    }

    private static RenderedSection RenderSection(TutorialSection section)
    {
        var items = new List<ChecklistEntry>();
        var intro = new StringWriter();
        var introRenderer = NewRenderer(intro);
        foreach (var block in section)
        {
            if (block is ChecklistItem item)
            {
                var html = new StringWriter();
                HtmlTutorialSectionRenderer.WriteItemContent(NewRenderer(html), item);
                items.Add(new ChecklistEntry(item.Key, html.ToString().Trim(), item.Line + 1));
            }
            else if (section.IsChecklist)
            {
                introRenderer.Render(block);
            }
        }
        var whole = new StringWriter();
        NewRenderer(whole).Render(section);
        return new RenderedSection(section.Kind, section.Id, section.Title, whole.ToString(), intro.ToString(), items);
    }

    private sealed record Parsed(FrontMatter FrontMatter, MarkdownDocument Document);

    /// <summary>Reads, decodes and parses one file; null (with problems recorded) when it cannot be served.</summary>
    private static Parsed? Parse(string file, IReadOnlySet<string> allowedKeys, List<ContentProblem> problems)
    {
        string text;
        try
        {
            var bytes = File.ReadAllBytes(file);
            if (!TryDecode(bytes, out text, out var badLine))
            {
                problems.Add(new(file, badLine, 0, Severity.Error, "the file is not valid UTF-8; save it as UTF-8", Rules.InvalidUtf8));
                return null;
            }
        }
        catch (IOException e)
        {
            problems.Add(new(file, 0, 0, Severity.Error, $"the file could not be read: {e.Message}", Rules.InvalidUtf8));
            return null;
        }

        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(text, TutorialMarkdown.Pipeline);
        }
        catch (ArgumentException e) when (e.Message.Contains("nested", StringComparison.Ordinal))
        {
            // Markdig refuses input nested past MaximumNestingDepth rather than recursing without bound.
            problems.Add(new(file, 0, 0, Severity.Error,
                $"the Markdown is nested too deeply to render (more than {TutorialMarkdown.MaximumNestingDepth} levels of lists or quotes); flatten it", Rules.TooComplex));
            return null;
        }
        var front = document.FirstOrDefault() as YamlFrontMatterBlock;
        var fileProblems = new List<ContentProblem>();
        var fm = front is null
            ? FrontMatter.Empty
            : FrontMatter.Parse(front.Lines.ToString(), front.Line + 2, file, allowedKeys, fileProblems);
        if (string.IsNullOrWhiteSpace(fm.Title) && !fileProblems.Any(p => p.Rule == Rules.FrontMatterYaml))
        {
            fileProblems.Add(new(file, front is null ? 1 : front.Line + 1, 0, Severity.Error,
                front is null
                    ? "the file has no front matter; start it with `---`, a `title: ...` line and `---`"
                    : "front matter has no `title`; add a line like `title: Images vs Containers`",
                Rules.TitleMissing));
        }
        fileProblems.AddRange(MarkdownIssues.Of(document).Select(i => new ContentProblem(file, i.Line + 1, i.Column + 1, i.Severity, i.Message, i.Rule)));
        problems.AddRange(fileProblems);
        return fileProblems.Any(p => p.Severity == Severity.Error && p.Rule is Rules.FrontMatterYaml or Rules.TitleMissing or Rules.FrontMatterValue)
            ? null
            : new Parsed(fm, document);
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

    private static string RenderAll(MarkdownDocument document)
    {
        var html = new StringWriter();
        NewRenderer(html).Render(document);
        return html.ToString();
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
}
