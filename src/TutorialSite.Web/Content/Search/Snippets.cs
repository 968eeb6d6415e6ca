using System.Buffers;
using System.Net;
using System.Text;

namespace TutorialSite.Web.Content.Search;

/// <summary>
/// How a result's snippet is cut from its text and written: a window of whole words around the first match, HTML-encoded,
/// with the matched words in <c>&lt;mark&gt;</c>. Shared with the relevance benchmark's copy of main's index, so the two
/// show the same snippets.
/// </summary>
public static class Snippets
{
    private const int Before = 60;
    private const int Length = 200;

    private static readonly SearchValues<char> HtmlSpecial = SearchValues.Create("<>&\"'");

    /// <summary>
    /// Where the snippet lies in <paramref name="text"/>: from a whole word up to 60 characters before the
    /// <paramref name="first"/> match (or from 60 before, when no space is there), up to 200 characters, to a whole word.
    /// </summary>
    public static (int Start, int End) Window(ReadOnlySpan<char> text, int first)
    {
        var start = 0;
        if (first > Before)
        {
            start = first - Before + text.Slice(first - Before, Before).IndexOf(' ') + 1;
        }
        var end = Math.Min(text.Length, start + Length);
        if (end < text.Length && text[..(end + 1)].LastIndexOf(' ') is var last && last > start)
        {
            end = last; // to a whole word
        }
        return (start, end);
    }

    /// <summary>A snippet's first words: "…" when the window does not start the text.</summary>
    public static StringBuilder Begin(int start) => new(start > 0 ? "…" : "", 320);

    /// <summary>The snippet, with "…" when the window does not end the text.</summary>
    public static string End(StringBuilder html, int end, int textLength) => html.Append(end < textLength ? "…" : "").ToString();

    /// <summary>A word is letters, digits, # and +: nothing to encode.</summary>
    public static void AppendWord(StringBuilder html, ReadOnlySpan<char> word, bool marked)
    {
        if (marked)
        {
            html.Append("<mark>").Append(word).Append("</mark>");
        }
        else
        {
            html.Append(word);
        }
    }

    public static void AppendEncoded(StringBuilder html, ReadOnlySpan<char> text)
    {
        if (text.ContainsAny(HtmlSpecial))
        {
            html.Append(WebUtility.HtmlEncode(text.ToString()));
        }
        else
        {
            html.Append(text);
        }
    }
}
