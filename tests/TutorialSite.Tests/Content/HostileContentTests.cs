using System.Diagnostics;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using TutorialSite.Web.Content;

namespace TutorialSite.Tests.Content;

/// <summary>
/// The committed corpus in <c>Content/Hostile</c> (plus a multi-megabyte file made here): whatever an editor
/// commits, nothing in the rendered page can run, and loading stays up and bounded.
/// </summary>
public sealed class HostileContentTests : IDisposable
{
    private static readonly string Corpus = Path.Combine(RepoPaths.Root, "tests", "TutorialSite.Tests", "Content", "Hostile");
    private readonly TempContent content = new();

    public HostileContentTests()
    {
        foreach (var file in Directory.EnumerateFiles(Corpus))
        {
            content.WriteBytes(Path.Combine("hostile", Path.GetFileName(file)), File.ReadAllBytes(file));
        }
        // Multi-megabyte: 4 MB of realistic Markdown, made here rather than committed.
        var big = new System.Text.StringBuilder("---\ntitle: Huge\n---\n\n");
        for (var i = 0; big.Length < 4_000_000; i++)
        {
            big.Append("## Part ").Append(i).Append("\n\nSome **text** with `code` and [a link](/hostile/raw-html).\n\n- item\n- item\n\n");
        }
        content.Write("hostile/08-huge.md", big.ToString());
    }

    public void Dispose() => content.Dispose();

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
        var snapshot = ContentLoader.Load(content.Root, includeDrafts: false);
        var parser = new HtmlParser();

        foreach (var tutorial in snapshot.Tutorials)
        {
            var html = tutorial.BodyHtml.ToString() + string.Concat(tutorial.Sections.Select(s => $"{s.Html}{s.IntroHtml}{string.Concat(s.Items.Select(i => i.Html))}"));
            var document = parser.ParseDocument("<body>" + html + "</body>");

            Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, style, svg, math, base, form, meta, link"));
            Assert.DoesNotContain(document.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name == "style");
            Assert.DoesNotContain(document.All.SelectMany(UrlsOf), url => !Web.Content.Markdown.SafeLinksExtension.IsSafe(url));
        }
    }

    [Fact]
    public void Check_HostileCorpus_RunsToTheEndAndFails()
    {
        var output = new StringWriter();

        Assert.Equal(1, ContentCheck.Run(content.Root, accept: false, output));
        Assert.Matches(@"\d+ errors, \d+ warnings? in \d+ tutorials", output.ToString());
    }

    private static readonly string[] UrlAttributes = ["href", "src", "xlink:href", "action", "formaction", "data", "poster"];

    private static IEnumerable<string> UrlsOf(IElement element) => UrlAttributes.Select(element.GetAttribute).OfType<string>();
}
