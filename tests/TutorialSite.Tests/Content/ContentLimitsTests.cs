namespace TutorialSite.Tests.Content;

/// <summary>
/// Named regression cases: inputs that crashed or held the loader before the limits in <see cref="ContentLimits"/>.
/// Each becomes a problem of its file at its line; the other files are served.
/// </summary>
public sealed class ContentLimitsTests : SiteOnSampleContent
{

    [Fact]
    public void Load_UnclosedFlowListInFrontMatterFollowedByMoreKeys_ReportsTheLineInsteadOfThrowing()
    {
        // YamlDotNet throws InvalidOperationException here, not YamlException: this took the site down.
        Write("---\ntitle: T\ndescription: [unclosed\norder: 3\ntags: [a]\n---\nBody.\n");

        AssertOnlyThisFileFails(Rules.FrontMatterYaml, line: 3);
    }

    [Fact]
    public void Load_ThreeThousandNestedListLevels_ReportsTooComplexAtTheLine()
    {
        Write("---\ntitle: T\n---\n\nIntro.\n\n" + string.Concat(Enumerable.Repeat("- ", 3_000)) + "x\n");

        AssertOnlyThisFileFails(Rules.TooComplex, line: 7);
    }

    [Theory]
    [InlineData("*")] // renders as emphasis 1,500 levels deep: Markdig's renderer threw
    [InlineData("_")]
    [InlineData("![")] // images in images
    public void Load_InlinesNestedThousandsDeep_ReportsTooComplexInsteadOfFailingToRender(string marker)
    {
        var run = string.Concat(Enumerable.Repeat(marker, marker == "![" ? 1_500 : 3_000));
        Write($"---\ntitle: T\n---\n\nIntro.\n\n{run}x{(marker == "![" ? string.Concat(Enumerable.Repeat("](a.png)", 1_500)) : run)}\n");

        AssertOnlyThisFileFails(Rules.TooComplex, line: 7);
    }

    [Fact]
    public void Load_EmphasisSpreadOverManyLinesOfOneParagraph_ReportsTooComplex()
    {
        // No single line is long: the nesting comes from the paragraph as a whole.
        Write("---\ntitle: T\n---\n\n" + string.Concat(Enumerable.Repeat("*a\n", 2_000)) + string.Concat(Enumerable.Repeat("a*\n", 2_000)));

        Assert.Contains(ContentLoader.Load(Content.Root, includeDrafts: true).Problems, p => p.Rule == Rules.TooComplex);
    }

    [Fact]
    public void Load_ReasonableNesting_IsServed()
    {
        Write("---\ntitle: T\n---\n\n" + string.Concat(Enumerable.Repeat("> ", 10)) + "- - - **bold *and [a link](https://example.com) `x`***\n");

        var snapshot = ContentLoader.Load(Content.Root, includeDrafts: true);

        Assert.Empty(snapshot.Problems);
        Assert.Contains("<strong>bold <em>and <a", snapshot.FindTutorial("docker", "limits")!.BodyHtml.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileOverTheSizeLimit_ReportsFileTooLarge()
    {
        Write("---\ntitle: T\n---\n\n" + string.Concat(Enumerable.Repeat("Some words in a line.\n", (int)(ContentLimits.MaximumFileBytes / 22) + 10)));

        AssertOnlyThisFileFails(Rules.FileTooLarge, line: 0);
    }

    [Fact]
    public void Load_LineOverTheLengthLimit_ReportsLineTooLongAtItsLine()
    {
        Write("---\ntitle: T\n---\n\nfine\n" + new string('a', ContentLimits.MaximumLineLength + 1) + "\n");

        AssertOnlyThisFileFails(Rules.LineTooLong, line: 6);
    }

    [Fact]
    public void Load_BillionLaughsInFrontMatter_ReportsFrontMatterTooComplexAtTheAlias()
    {
        var yaml = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + string.Concat("bcdefghi".Select(c => $"{c}: &{c} [{string.Join(", ", Enumerable.Repeat($"*{(char)(c - 1)}", 9))}]\n"));
        Write($"---\ntitle: T\n{yaml}---\nBody.\n");

        var problem = AssertOnlyThisFileFails(Rules.FrontMatterTooComplex, line: 5);
        Assert.Contains("aliases", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FrontMatterNestedDeeply_ReportsFrontMatterTooComplex()
    {
        Write("---\ntitle: T\ntags: " + new string('[', 5_000) + new string(']', 5_000) + "\n---\nBody.\n");

        AssertOnlyThisFileFails(Rules.FrontMatterTooComplex, line: 3);
    }

    [Fact]
    public void Check_FilesThatCrashedTheLoader_ExitsOneAndPrintsEachAtItsLine()
    {
        Write("---\ntitle: T\ndescription: [unclosed\norder: 3\n---\nBody.\n");
        Content.Write("docker/07-deep.md", "---\ntitle: Deep\n---\n" + new string('*', 3_000) + "x" + new string('*', 3_000) + "\n");
        var output = new StringWriter();

        var exit = ContentCheck.Run(Content.Root, accept: false, output);

        Assert.Equal(1, exit);
        Assert.Contains("06-limits.md:3: error: front matter is not valid YAML", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("07-deep.md:4:", output.ToString(), StringComparison.Ordinal);
    }

    private void Write(string text) => Content.Write("docker/06-limits.md", text);

    private ContentProblem AssertOnlyThisFileFails(string rule, int line)
    {
        var snapshot = ContentLoader.Load(Content.Root, includeDrafts: true);

        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal((rule, line, Severity.Error), (problem.Rule, problem.Line, problem.Severity));
        Assert.EndsWith("06-limits.md", problem.Path, StringComparison.Ordinal);
        Assert.Null(snapshot.FindTutorial("docker", "limits"));
        Assert.Equal(4, snapshot.Tutorials.Count());
        return problem;
    }
}
