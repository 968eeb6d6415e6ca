using Markdig.Helpers;
using Markdig.Parsers;

namespace TutorialSite.Web.Content.Markdown.TutorialSections;

/// <summary>Parses <c>{#key}</c> when it is the last thing in a paragraph; anything else stays literal text.</summary>
public sealed class ChecklistKeyInlineParser : InlineParser
{
    public ChecklistKeyInlineParser() => OpeningCharacters = ['{'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (slice.PeekChar() != '#')
        {
            return false;
        }
        var text = slice.Text;
        var close = text.IndexOf('}', slice.Start + 2, slice.End - slice.Start - 1);
        if (close < 0 || close > slice.End)
        {
            return false;
        }
        for (var i = close + 1; i <= slice.End; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }
        var start = slice.Start;
        processor.Inline = new ChecklistKey(text[(start + 2)..close])
        {
            Span = new(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(close)),
            Line = line,
            Column = column,
        };
        slice.Start = slice.End + 1;
        return true;
    }
}
