using Markdig.Renderers;
using Markdig.Syntax;
using TutorialSite.Web.Content.Markdown;
using TutorialSite.Web.Content.Markdown.RawHtml;
using TutorialSite.Web.Content.Markdown.SafeLinks;
using TutorialSite.Web.Content.Markdown.TutorialSections;

namespace TutorialSite.Tests.Content;

/// <summary>
/// Golden files in the Markdig spec style: each <c>Specs/NAME.md</c> renders to exactly <c>Specs/NAME.html</c>.
/// After an intended change, regenerate with <c>UPDATE_GOLDEN=1 dotnet test</c> and review the diff.
/// </summary>
public sealed class MarkdownRenderingTests
{
    private static readonly string SpecsSource = Path.Combine(RepoPaths.Root, "tests", "TutorialSite.Tests", "Content", "Specs");

    public static TheoryData<string> Specs() => [.. Directory.EnumerateFiles(SpecsSource, "*.md").Select(f => Path.GetFileNameWithoutExtension(f)).Order()];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Render_Spec_MatchesGoldenHtml(string name)
    {
        var html = Render(File.ReadAllText(Path.Combine(SpecsSource, name + ".md")));
        var golden = Path.Combine(SpecsSource, name + ".html");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, html);
        }

        Assert.Equal(File.ReadAllText(golden), html);
    }

    /// <summary>As the content loader renders: Markdig's HTML, then raw HTML cleaned.</summary>
    public static string Render(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown, TutorialMarkdown.Pipeline);
        var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        TutorialMarkdown.Pipeline.Setup(renderer);
        renderer.Render(document);
        return RawHtmlSanitizer.Clean(writer.ToString(), RawHtmlExtension.MapOf(renderer), new RawHtmlFindings());
    }

    [Theory]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("JAVASCRIPT:alert(1)", false)]
    [InlineData(" javascript:alert(1)", false)]
    [InlineData("java\tscript:alert(1)", false)]
    [InlineData("java\u0000script:alert(1)", false)]
    [InlineData("vbscript:msgbox(1)", false)]
    [InlineData("data:text/html,<script>", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("https://example.com", true)]
    [InlineData("HTTP://example.com", true)]
    [InlineData("mailto:someone@example.com", true)]
    [InlineData("/docker/images#x", true)]
    [InlineData("images-vs-containers", true)]
    [InlineData("#faq", true)]
    [InlineData("docs/a:b", true)]
    [InlineData("?q=a:b", true)]
    public void IsSafe_Url_AllowsOnlyWebSchemesAndRelativeLinks(string url, bool safe) =>
        Assert.Equal(safe, SafeLinksExtension.IsSafe(url));

    [Fact]
    public void Render_UnsafeLinks_LeaveNoScriptingUrlOrHandler()
    {
        var html = Render(File.ReadAllText(Path.Combine(SpecsSource, "unsafe.md")));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"vbscript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://example.com\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnsafeLinks_ReportsEachOne()
    {
        var document = Markdig.Markdown.Parse(File.ReadAllText(Path.Combine(SpecsSource, "unsafe.md")), TutorialMarkdown.Pipeline);

        var issues = MarkdownIssues.Of(document);

        // Seven links and images; `java<TAB>script:` has white space in it, so it is no link at all.
        Assert.Equal(7, issues.Count(i => i.Rule == Rules.UnsafeLink));
    }

    /// <summary>Checklist items without a key of their own, and the key each is given.</summary>
    public static TheoryData<string, string> ItemsAndTheirKeys => new()
    {
        { "- I can explain why an image is immutable.", "i-can-explain-why-an-image-is-immutable" },
        { "- I can use `docker rm` *safely*!", "i-can-use-docker-rm-safely" }, // the text, not its markup or punctuation
        { "- Ich kann Übergänge erklären", "ich-kann-ubergange-erklaren" }, // accents dropped
        { "- I can explain the difference between an image and a container, and why a fix in a container vanishes", "i-can-explain-the-difference-between-an-image-and-a" }, // cut to 60 characters, between words
        { "- I can do it {#Bad Key}", "i-can-do-it" }, // a malformed key is no key
        { "- 🙂", "item" }, // nothing left to make one of
    };

    [Theory]
    [MemberData(nameof(ItemsAndTheirKeys))]
    public void Key_WithoutExplicitKey_IsDerivedFromTheText(string item, string key) =>
        Assert.Equal(key, Assert.Single(Items("## Key Takeaways\n\n" + item + "\n")).Key);

    [Fact]
    public void Key_ReorderingItems_KeepsEachItemsKey()
    {
        var before = Items("## Practice Tasks\n\n- First task\n- Second task {#second}\n");
        var after = Items("## Practice Tasks\n\n- Second task {#second}\n- First task\n");

        Assert.Equal(before.ToDictionary(i => i.Key, Text), after.ToDictionary(i => i.Key, Text));
    }

    [Fact]
    public void Key_UsedTwice_IsReportedAndMadeUnique()
    {
        var document = Parse("## Key Takeaways\n\n- One {#same}\n\n## Practice Tasks\n\n- Two {#same}\n");

        Assert.Equal(["same", "same-2"], document.Descendants<ChecklistItem>().Select(i => i.Key));
        var issue = Assert.Single(MarkdownIssues.Of(document));
        Assert.Equal((Rules.ChecklistKeyDuplicate, 6), (issue.Rule, issue.Line));
    }

    [Fact]
    public void Key_Malformed_IsReportedWithAFix()
    {
        var issue = Assert.Single(MarkdownIssues.Of(Parse("## Key Takeaways\n\n- I can do it {#Bad Key}\n")));

        Assert.Equal(Rules.ChecklistKeyMalformed, issue.Rule);
        Assert.Contains("{#bad-key}", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Faq_QuestionWithoutAnswer_IsReported()
    {
        var issue = Assert.Single(MarkdownIssues.Of(Parse("## FAQ\n\n### Lonely?\n\n### Answered?\n\nYes.\n")));

        Assert.Equal((Rules.FaqNoAnswer, 2), (issue.Rule, issue.Line));
    }

    [Theory]
    [InlineData("## Key Takeaways\n\nNothing to tick.\n")]
    [InlineData("## FAQ\n\n## Next\n")]
    [InlineData("## Common Mistakes\n")]
    public void Section_WithoutItems_IsReportedEmpty(string markdown) =>
        Assert.Equal(Rules.EmptySection, Assert.Single(MarkdownIssues.Of(Parse(markdown))).Rule);

    private static string Text(ChecklistItem item) => InlineText.Of(((LeafBlock)item[0]).Inline);

    private static MarkdownDocument Parse(string markdown) => Markdig.Markdown.Parse(markdown, TutorialMarkdown.Pipeline);

    private static List<ChecklistItem> Items(string markdown) => [.. Parse(markdown).Descendants<ChecklistItem>()];
}
