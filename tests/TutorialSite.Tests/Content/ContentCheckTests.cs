using System.Reflection;
using System.Text.RegularExpressions;

namespace TutorialSite.Tests.Content;

/// <summary><c>check</c> on a corpus of broken files: every rule reported at the right file and line.</summary>
public sealed partial class ContentCheckTests
{
    private static readonly string Corpus = Path.Combine(RepoPaths.Root, "tests", "TutorialSite.Tests", "Content", "BadContent");

    [Fact]
    public void Check_BadContentCorpus_ReportsEveryExpectedProblemAtItsFileAndLine()
    {
        var output = new StringWriter();

        var exit = ContentCheck.Run(Corpus, accept: false, output);

        var reported = output.ToString().Split('\n').Select(l => ProblemLine().Match(l)).Where(m => m.Success)
            .Select(m => $"{m.Groups["path"].Value.Replace("BadContent/", "", StringComparison.Ordinal)}:{m.Groups["line"].Value}: {m.Groups["severity"].Value} [{m.Groups["rule"].Value}]")
            .Order(StringComparer.Ordinal);
        var expected = File.ReadLines(Path.Combine(Corpus, "expected.txt")).Where(l => l.Length > 0 && !l.StartsWith('#')).Order(StringComparer.Ordinal);
        Assert.Equal(expected, reported);
        Assert.Equal(1, exit);
        Assert.Matches(@"21 errors, 11 warnings in \d+ tutorials", output.ToString());
    }

    [Fact]
    public void Check_CodeBlocks_AreReadForProblemsButNeverTokenized()
    {
        var code = $"const unique = \"{Guid.NewGuid():N}\";\n";
        using var content = TempContent.OneTutorial($"---\ntitle: A\n---\n\nText.\n\n```js\n{code}```\n\n```javascrpt\nlet a;\n```\n");

        var output = new StringWriter();
        ContentCheck.Run(content.Root, accept: false, output);

        Assert.Contains("unknown code language `javascrpt`", output.ToString(), StringComparison.Ordinal);
        Assert.False(TutorialSite.Web.Content.Markdown.Highlighting.CodeHighlighter.Cache.TryGet(
            TutorialSite.Web.Content.Markdown.Highlighting.HighlightCache.KeyOf("source.js", code), out _));
        Assert.False(TutorialSite.Web.Content.Markdown.Highlighting.CodeHighlighter.IsSkipping);
    }

    [Fact]
    public void Check_FormatGitHub_PrintsOneAnnotationPerProblemWithFileLineColumnAndRule()
    {
        var output = new StringWriter();

        var exit = ContentCheck.Run(Corpus, accept: false, output, CheckFormat.GitHub);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, exit);
        Assert.Equal(32, lines.Count(l => l.StartsWith("::", StringComparison.Ordinal)));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^::error file=[^,]*BadContent/course/09-links\.md,line=5,col=\d+,title=broken-link::link .+ \[broken-link\]$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^::warning file=[^,]*BadContent/course/15-heading-order\.md,line=9,col=1,title=heading-order::heading `#### Too deep` skips from level 2 to 4"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^::error file=[^,]*BadContent/Bad_Folder,title=invalid-slug::"));
        Assert.Matches(@"21 errors, 11 warnings in \d+ tutorials", lines[^1]);
    }

    [Fact]
    public void GitHubAnnotation_EscapesWhatTheRunnerWouldReadAsSyntax()
    {
        var problem = new ContentProblem("a,b:c/100%.md", 3, 7, Severity.Warning, "50% done\nnext: line", "some-rule");

        Assert.Equal("::warning file=a%2Cb%3Ac/100%25.md,line=3,col=7,title=some-rule::50%25 done%0Anext: line [some-rule]",
            ContentCheck.GitHubAnnotation(problem));
    }

    [Fact]
    public void Check_UnknownFormat_Exits2AndNamesTheFormats()
    {
        var output = new StringWriter();

        var exit = ContentCheck.Run(new ContentOptions(), new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = Corpus }, ["--content", Corpus, "--format", "xml"], output);

        Assert.Equal(2, exit);
        Assert.Contains("--format github", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Corpus_CoversEveryRuleTheLoaderReports()
    {
        var corpus = File.ReadAllText(Path.Combine(Corpus, "expected.txt"));
        // These need a history (a published.lock) or a pathological file; their own tests cover them
        // (ContentLimitsTests; load-failed is the last-resort guard that ContentFuzzTests asserts never fires).
        string[] elsewhere =
        [
            Rules.PublishedKeyRemoved, Rules.PublishedTutorialRemoved, Rules.RetiredKeyReused, Rules.TooComplex,
            Rules.FileTooLarge, Rules.LineTooLong, Rules.FrontMatterTooComplex, Rules.LoadFailed,
        ];

        var missing = AllRules().Except(elsewhere).Where(rule => !corpus.Contains($"[{rule}]", StringComparison.Ordinal));

        Assert.Empty(missing);
    }

    [Fact]
    public void AuthoringGuide_DocumentsEveryRule()
    {
        var guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "authoring.md"));

        var undocumented = AllRules().Where(rule => !guide.Contains($"`{rule}`", StringComparison.Ordinal)).ToList();

        Assert.Empty(undocumented);
    }

    [Fact]
    public void Check_RepositoryContent_PassesWithItsPublishedLock()
    {
        var output = new StringWriter();

        Assert.Equal(0, ContentCheck.Run(RepoPaths.Content, accept: false, output));
        Assert.Contains("0 errors, 0 warnings", output.ToString(), StringComparison.Ordinal);
    }

    private static IEnumerable<string> AllRules() =>
        typeof(Rules).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);

    [GeneratedRegex(@"^(?<path>[^:]+):(?<line>\d+)(:\d+)?: (?<severity>error|warning): .* \[(?<rule>[a-z0-9-]+)\]$")]
    private static partial Regex ProblemLine();
}
