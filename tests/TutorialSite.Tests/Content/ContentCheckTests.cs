using System.Reflection;
using System.Text.RegularExpressions;
using TutorialSite.Web.Content;

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
        Assert.Matches(@"21 errors, 9 warnings in \d+ tutorials", output.ToString());
    }

    [Fact]
    public void Check_Corpus_CoversEveryRuleTheLoaderReports()
    {
        var corpus = File.ReadAllText(Path.Combine(Corpus, "expected.txt"));
        // These need a history (a published.lock) or a pathological file; their own tests cover them.
        string[] elsewhere = [Rules.PublishedKeyRemoved, Rules.PublishedTutorialRemoved, Rules.RetiredKeyReused, Rules.TooComplex];

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
