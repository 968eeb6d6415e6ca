using TutorialSite.Web.Content.Markdown;
using TutorialSite.Web.Content.Search;

namespace TutorialSite.Tests.Content;

public sealed class ReadingTimeTests
{
    private static int Minutes(string markdown) => ReadingTime.Minutes(SearchText.Of(Markdig.Markdown.Parse(markdown, TutorialMarkdown.Pipeline)));

    private static string Words(int count, string word = "word") => string.Join(' ', Enumerable.Repeat(word, count));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(50, 1)]
    [InlineData(400, 2)]
    [InlineData(1_000, 5)]
    [InlineData(1_700, 9)] // 8.5 minutes: half a minute rounds up
    public void Prose_IsReadAt200WordsAMinute_AtLeastOneMinute(int words, int minutes) =>
        Assert.Equal(minutes, Minutes(Words(words)));

    [Fact]
    public void HalfAMinute_RoundsUp_HoweverManyBlocksItIsSpreadOver()
    {
        // 1,100 words in 1,100 one-word list items: 5.5 minutes. Added up block by block in floating point, 1,100
        // times 1/200 came to 5.4999... and rounded down; the words are counted first, then divided once.
        var items = string.Concat(Enumerable.Repeat("- word\n", 1_100));

        Assert.Equal(6, Minutes(items));
    }

    [Fact]
    public void Code_IsReadAtHalfTheSpeedOfProse()
    {
        var code = $"```csharp\n{string.Join('\n', Enumerable.Repeat("var x = Compute(y);", 100))}\n```\n"; // 400 tokens

        Assert.Equal(4, Minutes(code));
        Assert.Equal(2, Minutes(Words(400)));
    }

    [Fact]
    public void FrontMatterIsNotCounted_HeadingsListsTablesAndFaqQuestionsAre()
    {
        var markdown = $"""
            ---
            title: {Words(2_000)}
            ---

            ## {Words(100)}

            - {Words(100)}

            | a |
            |---|
            | {Words(100)} |

            ## FAQ

            ### {Words(100)}?

            {Words(100)}
            """;

        Assert.Equal(3, Minutes(markdown)); // 500 words
    }

    [Fact]
    public void Load_Tutorial_KeepsReadingTimeFaqAndTakeawaysAsText()
    {
        using var content = TempContent.Sample();

        var tutorial = ContentLoader.Load(content.Root, includeDrafts: false).FindTutorial("docker", "images")!;

        Assert.Equal(1, tutorial.ReadingMinutes);
        Assert.Equal([new FaqEntry("Why?", "Because."), new FaqEntry("How?", "Like this.")], tutorial.Faq);
        Assert.Equal(["I can explain images.", "I can run a container."], tutorial.ChecklistItems.Take(2).Select(i => i.Text));
    }
}
