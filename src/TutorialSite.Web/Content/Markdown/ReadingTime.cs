using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using TutorialSite.Web.Content.Markdown.TutorialSections;

namespace TutorialSite.Web.Content.Markdown;

/// <summary>
/// How long a tutorial takes to read, in whole minutes (at least one): prose at 200 words a minute, code at half
/// that, since code is read token by token. Headings, lists, tables, the four sections and FAQ questions count as
/// prose; a word is anything between white space.
/// </summary>
public static class ReadingTime
{
    public const double ProseWordsPerMinute = 200;
    public const double CodeWordsPerMinute = 100;

    public static int Minutes(MarkdownDocument document)
    {
        var minutes = 0.0;
        foreach (var block in document.Descendants<Block>())
        {
            minutes += block switch
            {
                YamlFrontMatterBlock => 0,
                CodeBlock code => Words(code.Lines.ToString()) / CodeWordsPerMinute,
                LeafBlock leaf => Words(InlineText.Of(leaf.Inline)) / ProseWordsPerMinute,
                // The question's heading left the tree when the FAQ was shaped; its answer is still there.
                FaqItem faq => Words(InlineText.Of(faq.Question.Inline)) / ProseWordsPerMinute,
                _ => 0,
            };
        }
        return Math.Max(1, (int)Math.Round(minutes, MidpointRounding.AwayFromZero));
    }

    private static int Words(string text) =>
        text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
}
