using TutorialSite.Web.Content.Markdown.RawHtml;

namespace TutorialSite.Tests.Content;

/// <summary>Raw HTML as the content loader renders it: cleaned, reported at its line, and its ids valid link targets.</summary>
public sealed class RawHtmlTests : IDisposable
{
    private readonly TempContent content = new();

    public RawHtmlTests() => content.Write("course/_index.md", TempContent.Course("Course"));

    public void Dispose() => content.Dispose();

    private (ContentSnapshot Snapshot, Tutorial Tutorial, List<ContentProblem> Problems) Load(string body)
    {
        var path = content.Write("course/01-page.md", $"---\ntitle: Page\n---\n\n{body}");
        var snapshot = ContentLoader.Load(content.Root, includeDrafts: false);
        return (snapshot, snapshot.FindTutorial("course", "page")!, snapshot.Problems.Where(p => p.Path == path).ToList());
    }

    [Fact]
    public void Load_RemovedHtmlInsideAListAndAQuote_IsReportedAtItsLineAndColumn()
    {
        var (_, _, problems) = Load("Intro.\n\n- item\n  - nested <b onclick=\"x()\">bold</b>\n\n> quoted\n> <script>alert(1)</script>\n");

        var removed = problems.Where(p => p.Rule == Rules.HtmlRemoved).Select(p => (p.Line, p.Column, p.Message)).ToList();

        Assert.Contains((8, 12, "`<b>`: removed attribute `onclick` (event handlers never run in tutorials)"), removed);
        Assert.Contains(removed, r => r.Line == 11 && r.Column == 3 && r.Message.StartsWith("`<script>` removed", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_HtmlComment_IsDroppedWithTheMarkdownInsideIt()
    {
        var (_, tutorial, problems) = Load("Before <!-- inline note --> after.\n\n<!-- TODO\n## A hidden heading\n\n**hidden** text\n-->\n\nVisible.\n");

        var html = tutorial.BodyHtml.ToString();

        Assert.DoesNotContain("hidden", html, StringComparison.Ordinal);
        Assert.DoesNotContain("note", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;!--", html, StringComparison.Ordinal);
        Assert.DoesNotContain("a-hidden-heading", tutorial.Anchors);
        Assert.Empty(problems);
    }

    [Fact]
    public void Load_RawHtmlInTheBodyAndInEachItem_IsCleanedAndReportedPieceByPiece()
    {
        // The body, each checklist item and each section are rendered in turn by one renderer: each piece's raw HTML
        // must be found in that piece, at its own line, and nothing of one piece may reach another.
        var (_, tutorial, problems) = Load("""
            Intro with <b onclick="a()">bold</b>.

            ## Key Takeaways

            - I can explain <b onclick="b()">one</b>. {#one}
            - I can explain <kbd>two</kbd>. {#two}
            - I can explain <i onclick="c()">three</i>. {#three}

            ## Common Mistakes to Avoid

            - Writing <u onclick="d()">this</u>.
            """);

        var removed = problems.Where(p => p.Rule == Rules.HtmlRemoved).Select(p => (p.Line, p.Message.Contains("onclick", StringComparison.Ordinal))).Order().ToList();
        Assert.Equal([(5, true), (9, true), (11, true), (15, true)], removed);
        var items = tutorial.Sections.Single(s => s.Kind == SectionKind.Takeaways).Items;
        Assert.Equal(["I can explain <b>one</b>.", "I can explain <kbd>two</kbd>.", "I can explain <i>three</i>."], items.Select(i => i.Html.ToString()));
        Assert.Contains("Intro with <b>bold</b>.", tutorial.BodyHtml.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("explain", tutorial.BodyHtml.ToString(), StringComparison.Ordinal);
        Assert.Contains("Writing <u>this</u>.", tutorial.Sections.Single(s => s.Kind == SectionKind.Mistakes).Html.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AChecklistSectionsIntro_IsRenderedAsIfAlone()
    {
        // The intro is rendered after the items by the same renderer: it must not inherit the last item's open line.
        var (_, tutorial, _) = Load("""
            Body.

            ## Key Takeaways

            Tick each one you can do.

            - I can explain one. {#one}
            - I can explain two. {#two}

            And one more note between the items.

            - I can explain three. {#three}
            """);

        var takeaways = tutorial.Sections.Single(s => s.Kind == SectionKind.Takeaways);
        Assert.Equal("<p>Tick each one you can do.</p>\n<p>And one more note between the items.</p>\n", takeaways.IntroHtml.ToString());
        Assert.Equal(["I can explain one.", "I can explain two.", "I can explain three."], takeaways.Items.Select(i => i.Html.ToString()));
    }

    [Fact]
    public void Check_FragmentToAnyIdThePageHas_IsValid()
    {
        var (_, tutorial, problems) = Load("""
            [question](#is-it-safe) [span](#setup) [item](#item-explain) [heading](#details-heading) [raw in item](#in-item)

            <span id="setup"></span>Setup.

            <details><summary>More</summary>

            ### Details heading

            </details>

            ## Key Takeaways

            - I can explain <span id="in-item">this</span>. {#explain}

            ## FAQ

            ### Is it safe?

            Yes.
            """);

        Assert.DoesNotContain(problems, p => p.Rule == Rules.BrokenLink);
        Assert.Superset(new HashSet<string> { "is-it-safe", "setup", "item-explain", "details-heading", "in-item" }, tutorial.Anchors.ToHashSet());
    }

    [Fact]
    public void Check_FragmentToARemovedId_SaysWhatRemovedIt()
    {
        var (_, _, problems) = Load("<script id=\"setup\">x()</script>\n\n[setup](#setup) [never](#nowhere)\n");

        var links = problems.Where(p => p.Rule == Rules.BrokenLink).ToList();

        Assert.Contains(links, p => p.Line == 7 && p.Message.Contains("the element with id `setup` on this page was removed from its raw HTML (line 5: `<script>` removed", StringComparison.Ordinal));
        Assert.Contains(links, p => p.Line == 7 && p.Message.Contains("no element on this page has the id `nowhere`", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RawLinksAndImages_AreCheckedLikeMarkdownOnes()
    {
        var (_, _, problems) = Load("<a href=\"/course/nope\">x</a> <img src=\"missing.png\" alt=\"\">\n");

        Assert.Contains(problems, p => p.Rule == Rules.BrokenLink && p.Line == 5 && p.Column == 1);
        Assert.Contains(problems, p => p.Rule == Rules.MissingImage && p.Line == 5 && p.Column == 30);
    }

    [Fact]
    public void Load_MarkdownAttribute_IsIgnoredWithoutAWarning()
    {
        var (_, tutorial, problems) = Load("<div class=\"lesson-note\" markdown=\"1\">\n\n**Bold** inside.\n\n</div>\n");

        Assert.Equal("<div class=\"lesson-note\">\n<p><strong>Bold</strong> inside.</p>\n</div>\n", tutorial.BodyHtml.ToString());
        Assert.DoesNotContain(problems, p => p.Rule == Rules.HtmlRemoved);
    }

    [Fact]
    public void Load_UnclosedDiv_IsClosedBeforeTheNextBlockWithoutRawHtml_AndTheBlocksAroundAreLeftAsMarkdigWroteThem()
    {
        var (_, tutorial, _) = Load("First *paragraph*.\n\n<div class=\"lesson-note\">\n\nInside.\n\n## After\n\nLast paragraph.\n");

        Assert.Equal(
            "<p>First <em>paragraph</em>.</p>\n<div class=\"lesson-note\">\n</div><p>Inside.</p>\n<h2 id=\"after\">After</h2>\n<p>Last paragraph.</p>\n",
            tutorial.BodyHtml.ToString());
    }

    /// <summary>docs/authoring.md's "Allowed" table, row by row, against what the sanitizer is configured with.</summary>
    [Fact]
    public void AuthoringGuide_AllowedHtml_IsExactlyWhatTheSanitizerKeeps()
    {
        var guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "authoring.md"));
        IEnumerable<string> Row(string label)
        {
            var row = guide.Split('\n').Single(l => l.StartsWith($"| {label} |", StringComparison.Ordinal));
            var cell = row[(label.Length + 5)..];
            var names = System.Text.RegularExpressions.Regex.Matches(cell, "`([^`]+)`").Select(m => m.Groups[1].Value.TrimEnd(':'));
            // `h1`–`h6` stands for the six headings.
            return cell.Contains("`h1`–`h6`", StringComparison.Ordinal) ? names.Concat(["h2", "h3", "h4", "h5"]) : names;
        }
        static string[] Sorted(IEnumerable<string> names) => [.. names.Select(n => n.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)];

        Assert.Equal(Sorted(RawHtmlSanitizer.AllowedTags), Sorted(Row("Elements")));
        Assert.Equal(Sorted(RawHtmlSanitizer.AllowedAttributes), Sorted(Row("Attributes")));
        Assert.Equal(Sorted(RawHtmlSanitizer.AllowedSchemes), Sorted(Row("URLs (`href`, `src`, `cite`)")));
        Assert.Equal(Sorted(RawHtmlSanitizer.AllowedClasses), Sorted(Row("Classes")));
    }
}
