using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TutorialSite.Web.Content.Markdown;

/// <summary>The plain text of inline content: what a reader sees, without markup.</summary>
public static class InlineText
{
    public static string Of(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(text, inline);
        return string.Join(' ', text.ToString().Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The plain text of blocks: a line for each paragraph, heading or code block.</summary>
    public static string OfBlocks(ContainerBlock container) =>
        string.Join('\n', container.Descendants<LeafBlock>()
            .Select(leaf => leaf is CodeBlock code ? code.Lines.ToString().Trim() : Of(leaf.Inline))
            .Where(text => text.Length > 0));

    private static void Append(StringBuilder text, Inline? inline)
    {
        switch (inline)
        {
            case LiteralInline literal: text.Append(literal.Content.AsSpan()); break;
            case CodeInline code: text.Append(code.Content); break;
            case HtmlEntityInline entity: text.Append(entity.Transcoded.AsSpan()); break;
            case LineBreakInline: text.Append(' '); break;
            case AutolinkInline link: text.Append(link.Url); break;
            case ContainerInline container:
                for (var child = container.FirstChild; child is not null; child = child.NextSibling)
                {
                    Append(text, child);
                }
                break;
        }
    }
}
