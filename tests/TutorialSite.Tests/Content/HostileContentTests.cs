using System.Diagnostics;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using TutorialSite.Web.Content.Markdown.RawHtml;

namespace TutorialSite.Tests.Content;

/// <summary>
/// The committed corpus in <c>Content/Hostile</c> (plus a multi-megabyte file made here): whatever an editor
/// commits, nothing in the rendered page can run, and loading stays up and bounded.
/// </summary>
public sealed class HostileContentTests(HostileCorpus corpus) : IClassFixture<HostileCorpus>
{
    private readonly TempContent content = corpus.Content;

    [Fact]
    public void Load_HostileCorpus_FinishesInBoundedTimeAndReportsTheBadFiles()
    {
        var clock = Stopwatch.StartNew();

        var snapshot = ContentLoader.Load(content.Root, includeDrafts: false);

        // A hang guard, not a speed test: the whole corpus parses in well under a second on a laptop.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.Contains(snapshot.Problems, p => p.Rule == Rules.InvalidUtf8 && p.Path.EndsWith("06-invalid-utf8.md", StringComparison.Ordinal));
        Assert.Contains(snapshot.Problems, p => p.Rule == Rules.TooComplex || p.Path.EndsWith("04-deep-nesting.md", StringComparison.Ordinal));
        Assert.Contains(snapshot.Problems, p => p.Rule == Rules.UnsafeLink);
        Assert.NotNull(snapshot.FindTutorial("hostile", "raw-html"));
        Assert.NotNull(snapshot.FindTutorial("hostile", "huge"));
    }

    [Fact]
    public void Render_HostileCorpus_LeavesNothingThatCanRun()
    {
        var snapshot = corpus.Snapshot;
        var parser = new HtmlParser();

        foreach (var piece in snapshot.Tutorials.SelectMany(Pieces))
        {
            var document = parser.ParseDocument("<body>" + piece + "</body>");

            Assert.Empty(document.QuerySelectorAll("script, iframe, frame, object, embed, style, svg, math, base, form, meta, link, template, noscript, textarea, select, button, title"));
            // Only the listed elements, and Markdig's task-list checkbox.
            Assert.All(document.Body!.QuerySelectorAll("*"), e => Assert.True(RawHtmlPolicy.Tags.Contains(e.LocalName) || e.LocalName == "input", e.OuterHtml));
            Assert.DoesNotContain(document.All.SelectMany(e => e.Attributes), a =>
                a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name is "style" or "srcset" or "srcdoc" or "formaction" or "action" or "background" or "ping" or "target" or "dynsrc" or "lowsrc");
            Assert.DoesNotContain(document.All.SelectMany(UrlsOf), url => !Web.Content.Markdown.SafeLinks.SafeLinksExtension.IsSafe(url));
        }
    }

    [Fact]
    public void Render_HostileCorpus_SerializesToHtmlThatParsesBackTheSame()
    {
        // Mutation XSS lives in HTML that changes when parsed again; what the site serves is already a fixed point.
        var snapshot = corpus.Snapshot;
        var parser = new HtmlParser();

        foreach (var piece in snapshot.Tutorials.SelectMany(Pieces))
        {
            var once = parser.ParseDocument("<body>" + piece + "</body>").Body!.InnerHtml;
            var twice = parser.ParseDocument("<body>" + once + "</body>").Body!.InnerHtml;

            Assert.Equal(once, twice);
        }
    }

    [Fact]
    public void Render_UnclosedAndStrayTags_StayInsideTheirPiece()
    {
        var snapshot = corpus.Snapshot;
        var parser = new HtmlParser();

        foreach (var piece in snapshot.Tutorials.SelectMany(Pieces))
        {
            // As the page places each piece: inside an element of its own, with the page going on after it.
            var document = parser.ParseDocument($"<body><main><div id=\"piece\">{piece}</div><form id=\"after\"></form></main><footer id=\"end\"></footer></body>");

            Assert.Equal("main", document.GetElementById("after")?.ParentElement?.LocalName);
            Assert.Equal("body", document.GetElementById("end")?.ParentElement?.LocalName);
        }
        var malformed = snapshot.FindTutorial("hostile", "malformed-tags")!;
        Assert.Equal(["unclosed-item", "open-div", "span-item"], malformed.Sections.Single(s => s.Id == "key-takeaways").Items.Select(i => i.Key));
        Assert.Single(malformed.Sections.Single(s => s.Id == "practice-tasks").Items);
        Assert.Equal(2, malformed.Faq.Count);
    }

    [Fact]
    public void Load_HostileRawHtml_WarnsAtTheLineOfEachRemovedConstruct()
    {
        var snapshot = corpus.Snapshot;
        var removed = snapshot.Problems.Where(p => p.Rule == Rules.HtmlRemoved && p.Path.EndsWith("01-raw-html.md", StringComparison.Ordinal)).ToList();

        Assert.Contains(removed, p => p.Line == 5 && p.Message.Contains("`<script>` removed", StringComparison.Ordinal));
        Assert.Contains(removed, p => p.Line == 15 && p.Message.Contains("`<svg>` removed", StringComparison.Ordinal));
        Assert.Contains(removed, p => p.Line == 11 && p.Message.Contains("`<iframe>`", StringComparison.Ordinal));
        Assert.Contains(removed, p => p.Line == 19 && p.Message.Contains("`style`", StringComparison.Ordinal));
        Assert.Contains(removed, p => p.Line == 19 && p.Message.Contains("`onclick`", StringComparison.Ordinal));
        Assert.Contains(removed, p => p.Line == 23 && p.Message.Contains("`<math>` removed", StringComparison.Ordinal));
        Assert.All(removed, p => Assert.Equal(Severity.Warning, p.Severity));
    }

    /// <summary>
    /// Every piece of HTML a tutorial page takes from the content, each placed on the page on its own. The 4 MB file has
    /// no raw HTML and would only make the HTML parser here slow.
    /// </summary>
    private static IEnumerable<string> Pieces(Tutorial tutorial) => tutorial.Slug == "huge" ? [] :
        [tutorial.BodyHtml.ToString(), .. tutorial.Sections.SelectMany(s => (string[])[s.Html.ToString(), s.IntroHtml.ToString(), .. s.Items.Select(i => i.Html.ToString())])];

    [Fact]
    public void Check_HostileCorpus_RunsToTheEndAndFails()
    {
        var output = new StringWriter();

        Assert.Equal(1, ContentCheck.Run(content.Root, accept: false, output));
        Assert.Matches(@"\d+ errors, \d+ warnings? in \d+ tutorials", output.ToString());
    }

    private static readonly string[] UrlAttributes = ["href", "src", "xlink:href", "action", "formaction", "data", "poster", "cite"];

    private static IEnumerable<string> UrlsOf(IElement element) => UrlAttributes.Select(element.GetAttribute).OfType<string>();
}

/// <summary>
/// The committed corpus in <c>Content/Hostile</c> plus a multi-megabyte file made here, loaded once for the tests that
/// only read the result.
/// </summary>
public sealed class HostileCorpus : IDisposable
{
    private static readonly string Source = Path.Combine(RepoPaths.Root, "tests", "TutorialSite.Tests", "Content", "Hostile");

    public HostileCorpus()
    {
        foreach (var file in Directory.EnumerateFiles(Source))
        {
            Content.WriteBytes(Path.Combine("hostile", Path.GetFileName(file)), File.ReadAllBytes(file));
        }
        // Multi-megabyte: 4 MB of realistic Markdown, made here rather than committed.
        var big = new System.Text.StringBuilder("---\ntitle: Huge\n---\n\n");
        for (var i = 0; big.Length < 4_000_000; i++)
        {
            big.Append("## Part ").Append(i).Append("\n\nSome **text** with `code` and [a link](/hostile/raw-html).\n\n- item\n- item\n\n");
        }
        Content.Write("hostile/08-huge.md", big.ToString());
        Snapshot = ContentLoader.Load(Content.Root, includeDrafts: false);
    }

    public TempContent Content { get; } = new();

    public ContentSnapshot Snapshot { get; }

    public void Dispose() => Content.Dispose();
}
