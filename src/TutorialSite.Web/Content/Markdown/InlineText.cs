using System.Buffers;
using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TutorialSite.Web.Content.Markdown;

/// <summary>The plain text of inline content: what a reader sees, without markup.</summary>
public static class InlineText
{
    /// <summary>One builder a thread, reused: a load calls this for every paragraph, heading and list item.</summary>
    [ThreadStatic]
    private static StringBuilder? spare;

    /// <summary>The text with every run of spaces, tabs and line breaks made one space, and none at either end.</summary>
    public static string Of(ContainerInline? inline)
    {
        var (buffer, length) = Collapsed(inline);
        var words = new string(buffer, 0, length);
        ArrayPool<char>.Shared.Return(buffer);
        return words;
    }

    /// <summary>The same text appended to <paramref name="output"/> without a string of its own; false when there is none.</summary>
    public static bool AppendTo(StringBuilder output, ContainerInline? inline)
    {
        var (buffer, length) = Collapsed(inline);
        output.Append(buffer, 0, length);
        ArrayPool<char>.Shared.Return(buffer);
        return length > 0;
    }

    /// <summary>The collapsed text in a pooled buffer (to return to <see cref="ArrayPool{T}.Shared"/>) and its length.</summary>
    private static (char[] Buffer, int Length) Collapsed(ContainerInline? inline)
    {
        var text = spare ?? new StringBuilder();
        spare = null;
        text.Clear();
        Append(text, inline);
        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        var length = 0;
        var space = false;
        foreach (var chunk in text.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                if (c is ' ' or '\n' or '\t')
                {
                    space = length > 0;
                    continue;
                }
                if (space)
                {
                    buffer[length++] = ' ';
                    space = false;
                }
                buffer[length++] = c;
            }
        }
        spare = text.Capacity <= 64 * 1024 ? text : null;
        return (buffer, length);
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
