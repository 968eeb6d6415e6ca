using Markdig.Extensions.Yaml;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using TutorialSite.Web.Content.Markdown;
using TutorialSite.Web.Content.Markdown.Highlighting;
using TutorialSite.Web.Content.Markdown.NestingGuard;
using TutorialSite.Web.Content.Markdown.RawHtml;
using TutorialSite.Web.Content.Markdown.TutorialSections;

namespace TutorialSite.Web.Content;

/// <summary>
/// One Markdown file's text in, a rendered <see cref="Tutorial"/> (or a course's introduction) and its problems out:
/// front matter, Markdig with our extensions, raw HTML cleaned, links pointed at their place on the site. Touches no
/// file; <see cref="ContentLoader"/> reads the files and assembles the snapshot.
/// </summary>
/// <remarks>
/// <c>file</c> names the source in problems and resolves relative links; <c>root</c> is the
/// content folder those links are made site-absolute against. Problems are appended to <c>problems</c> as
/// they are found, so a file that throws part-way keeps what was found before it.
/// </remarks>
public static class TutorialParser
{
    /// <summary>The tutorial in <paramref name="text"/>; null (with problems recorded) when it cannot be served.</summary>
    public static Tutorial? Parse(string text, string file, string root, string courseSlug, List<ContentProblem> problems)
    {
        if (ParseFile(text, file, root, FrontMatterKeys.Tutorial, problems) is not { } parsed)
        {
            return null;
        }
        var (fm, document, links) = parsed;
        var order = fm.Order ?? ContentAddress.TutorialOrderOf(file) ?? int.MaxValue;

        var pieces = new PieceRenderer();
        var toc = new List<TocEntry>();
        var rawHtml = new RawHtmlFindings();
        foreach (var block in document)
        {
            if (block is HeadingBlock { Level: 2 or 3 } heading && heading.GetAttributes().Id is { } id)
            {
                toc.Add(new TocEntry(id, InlineText.Of(heading.Inline), heading.Level));
            }
            if (block is not (YamlFrontMatterBlock or TutorialSection))
            {
                RawHtmlExtension.MarkBlock(pieces.Renderer);
                pieces.Renderer.Render(block);
            }
        }
        var bodyHtml = pieces.Take(rawHtml);
        var sections = document.OfType<TutorialSection>().Select(section => RenderSection(section, pieces, rawHtml)).ToList();
        problems.AddRange(Problems(file, rawHtml.Issues));
        sections.Sort((a, b) => a.Kind.CompareTo(b.Kind));
        toc.AddRange(sections.Select(s => new TocEntry(s.Id, s.Title, 2)));
        var anchors = document.Descendants<HeadingBlock>().Select(h => h.GetAttributes().Id).OfType<string>()
            .Concat(sections.Select(s => s.Id))
            .Concat(sections.SelectMany(s => s.Items).Select(i => i.ElementId))
            .Concat(document.Descendants<FaqItem>().Select(f => f.Question.GetAttributes().Id).OfType<string>())
            .Concat(rawHtml.Ids)
            .ToHashSet(StringComparer.Ordinal);

        var searchText = Search.SearchText.Of(document);
        return new Tutorial(courseSlug, ContentAddress.TutorialSlugOf(file), fm.Title!, fm.Description ?? Summary(document), order, fm.Updated, fm.Tags, fm.Draft,
            Utf8Html.From(bodyHtml), toc, sections, file)
        {
            Aliases = [.. fm.Aliases.Select(a => a.Split('/') is [var course, var s] ? new TutorialId(course, s) : new TutorialId(courseSlug, a))],
            Links = [.. links, .. RawLinks(rawHtml)],
            Anchors = anchors,
            RemovedAnchors = rawHtml.RemovedIds.Where(r => !anchors.Contains(r.Key)).ToDictionary(StringComparer.Ordinal),
            ReadingMinutes = ReadingTime.Minutes(searchText),
            SearchText = searchText,
            CodePending = CodeHighlighter.WasDeferred(document),
            Faq = [.. document.OfType<TutorialSection>().Where(s => s.Kind == SectionKind.Faq).SelectMany(s => s.OfType<FaqItem>())
                .Select(f => new FaqEntry(InlineText.Of(f.Question.Inline), InlineText.OfBlocks(f)))],
        };
    }

    /// <summary>
    /// A course's introduction (<c>_index.md</c>), its raw HTML cleaned like a tutorial's; the course it returns has no
    /// tutorials yet (the loader adds them). Null (with problems recorded) when it cannot be served.
    /// </summary>
    public static Course? ParseCourse(string text, string file, string root, string courseSlug, List<ContentProblem> problems)
    {
        if (ParseFile(text, file, root, FrontMatterKeys.Course, problems) is not { } index)
        {
            return null;
        }
        var pieces = new PieceRenderer();
        pieces.Renderer.Render(index.Document);
        var rawHtml = new RawHtmlFindings();
        var html = pieces.Take(rawHtml);
        problems.AddRange(Problems(file, rawHtml.Issues));
        return new Course(courseSlug, index.FrontMatter.Title!, index.FrontMatter.Description ?? Summary(index.Document),
            index.FrontMatter.Order ?? int.MaxValue, Utf8Html.From(html), [], file)
        {
            Aliases = index.FrontMatter.Aliases.Where(a => !a.Contains('/', StringComparison.Ordinal)).ToList(),
            Links = [.. index.Links, .. RawLinks(rawHtml)],
        };
    }

    private static RenderedSection RenderSection(TutorialSection section, PieceRenderer pieces, RawHtmlFindings rawHtml)
    {
        var items = new List<ChecklistEntry>();
        foreach (var item in section.OfType<ChecklistItem>())
        {
            HtmlTutorialSectionRenderer.WriteItemContent(pieces.Renderer, item);
            items.Add(new ChecklistEntry(item.Key, Utf8Html.From(pieces.Take(rawHtml).Trim()), item.Line + 1) { FormerKeys = item.FormerKeys, Text = InlineText.OfBlocks(item) });
        }
        // A checklist's whole would repeat its items: the page renders checklists from the items and the blocks
        // around them (the intro) instead; any other section is rendered whole.
        if (section.IsChecklist)
        {
            foreach (var block in section.Where(b => b is not ChecklistItem))
            {
                pieces.Renderer.Render(block);
            }
            return new RenderedSection(section.Kind, section.Id, section.Title, Utf8Html.Empty, Utf8Html.From(pieces.Take(rawHtml)), items);
        }
        pieces.Renderer.Render(section);
        return new RenderedSection(section.Kind, section.Id, section.Title, Utf8Html.From(pieces.Take(rawHtml)), Utf8Html.Empty, items);
    }

    private static IEnumerable<ContentProblem> Problems(string file, IEnumerable<MarkdownIssue> issues) =>
        issues.DistinctBy(i => (i.Line, i.Column, i.Message)).Select(i => new ContentProblem(file, i.Line + 1, i.Column + 1, i.Severity, i.Message, i.Rule));

    /// <summary>Links and images written as raw HTML, checked like the Markdown ones.</summary>
    private static IEnumerable<ContentLink> RawLinks(RawHtmlFindings rawHtml) =>
        rawHtml.Links.Select(l => new ContentLink(l.Url, l.Url, l.Line, l.Column, l.IsImage));

    private sealed record Parsed(FrontMatter FrontMatter, MarkdownDocument Document, IReadOnlyList<ContentLink> Links);

    /// <summary>Parses one file's text and front matter; null (with problems recorded) when it cannot be served.</summary>
    private static Parsed? ParseFile(string text, string file, string root, IReadOnlySet<string> allowedKeys, List<ContentProblem> problems)
    {
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
            if (!ContentAddress.IsExternal(written) && !written.StartsWith('/') && !written.StartsWith('#'))
            {
                var (path, fragment) = ContentAddress.SplitFragment(written);
                var full = Path.GetFullPath(Uri.UnescapeDataString(path), Path.GetDirectoryName(file)!);
                if (full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    var sitePath = "/" + Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
                    if (!link.IsImage && sitePath.EndsWith(".md", StringComparison.Ordinal))
                    {
                        sitePath = ContentAddress.MarkdownFileUrl(sitePath);
                    }
                    link.Url = sitePath + fragment;
                }
            }
            links.Add(new ContentLink(written, link.Url, link.Line + 1, link.Column + 1, link.IsImage));
        }
        return links;
    }

    /// <summary>
    /// One renderer for every piece of a page (its body, each section, each checklist item), written and taken in turn:
    /// setting a Markdig renderer up with the pipeline's extensions costs about what rendering a short item does
    /// (2.3 kB, 4 µs), and a tutorial has some twenty pieces.
    /// </summary>
    private sealed class PieceRenderer
    {
        public PieceRenderer()
        {
            Renderer = new HtmlRenderer(new StringWriter());
            TutorialMarkdown.Pipeline.Setup(Renderer);
        }

        public HtmlRenderer Renderer { get; }

        /// <summary>The piece rendered since the last take, its raw HTML cleaned (findings into <paramref name="rawHtml"/>).</summary>
        public string Take(RawHtmlFindings rawHtml)
        {
            var output = ((StringWriter)Renderer.Writer).GetStringBuilder();
            var map = RawHtmlExtension.MapOf(Renderer);
            var html = RawHtmlSanitizer.Clean(output.ToString(), map, rawHtml);
            // The next piece starts as a fresh renderer would: on a new line (an item's inline content leaves the
            // line open, and the next block would begin with the newline that closes it), with nothing written.
            Renderer.EnsureLine();
            output.Clear();
            map?.Clear();
            return html;
        }
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
}
