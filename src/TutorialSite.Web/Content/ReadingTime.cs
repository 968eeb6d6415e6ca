using TutorialSite.Web.Content.Search;

namespace TutorialSite.Web.Content;

/// <summary>
/// How long a tutorial takes to read, in whole minutes (at least one): prose at 200 words a minute, code at half
/// that, since code is read token by token. Headings, lists, tables, the four sections and FAQ questions count as
/// prose; a word is anything between white space. Counted on the tutorial's <see cref="SearchText"/>, which already
/// holds that text (one walk of the syntax tree for both, and no copy of the text made to count it).
/// </summary>
public static class ReadingTime
{
    public const double ProseWordsPerMinute = 200;
    public const double CodeWordsPerMinute = 100;

    public static int Minutes(SearchText text)
    {
        var prose = Words(text.Headings.AsSpan(), " \n\r\t") + Words(text.ProseUtf8, " \n\r\t"u8);
        var minutes = prose / ProseWordsPerMinute + Words(text.CodeUtf8, " \n\r\t"u8) / CodeWordsPerMinute;
        return Math.Max(1, (int)Math.Round(minutes, MidpointRounding.AwayFromZero));
    }

    /// <summary>Runs of anything but <paramref name="spaces"/>, in UTF-16 or UTF-8 text alike (the spaces being ASCII).</summary>
    private static int Words<T>(ReadOnlySpan<T> text, ReadOnlySpan<T> spaces)
        where T : IEquatable<T>
    {
        var words = 0;
        while (text.IndexOfAnyExcept(spaces) is var start and >= 0)
        {
            words++;
            text = text[start..];
            var end = text.IndexOfAny(spaces);
            text = end < 0 ? [] : text[end..];
        }
        return words;
    }
}
