using System.Text.RegularExpressions;
using Markdig.Extensions.CustomContainers;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;

namespace TutorialSite.Web.Content.Markdown.Panels;

/// <summary>
/// Opens a <see cref="Panel"/> on a backtick or tilde fence whose first word is one of <see cref="Kinds"/>; any other
/// fence is left to Markdig's code block parser (this one answers "no" and it runs next). The info string is read
/// whole, backticks included (<c>```smart header="`__proto__` is a getter"</c>): CommonMark would refuse a backtick
/// fence with a backtick in its info and show the panel's text as a paragraph, then open a code block at its closing
/// fence that swallows the rest of the page. A panel holding a code block is fenced with more backticks
/// (<c>````smart</c>), as CommonMark's nesting needs.
/// </summary>
public sealed partial class PanelParser : CustomContainerParser
{
    /// <summary>
    /// javascript.info's panels (its engine's "block tags"): <c>smart</c> an aside worth knowing, <c>warn</c> a pitfall,
    /// <c>online</c> only on the website, <c>offline</c> only in the printed book, <c>quote</c> a quotation with an
    /// <c>author</c>, <c>compare</c> a list of <c>+</c> pros and <c>-</c> cons.
    /// </summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(["smart", "warn", "online", "offline", "quote", "compare"], StringComparer.Ordinal);

    public PanelParser()
    {
        OpeningCharacters = ['`', '~'];
        InfoParser = ParsePanelInfo;
    }

    protected override CustomContainer CreateFencedBlock(BlockProcessor processor) => new Panel(this);

    private static bool ParsePanelInfo(BlockProcessor state, ref StringSlice line, IFencedBlock fenced, char openingCharacter)
    {
        var info = line.ToString().Trim();
        var end = info.IndexOfAny([' ', '\t']);
        var kind = end < 0 ? info : info[..end];
        if (!Kinds.Contains(kind))
        {
            return false;
        }
        fenced.Info = kind;
        fenced.Arguments = end < 0 ? "" : info[(end + 1)..].Trim();
        return true;
    }

    /// <summary>The value of <c>name="…"</c> (or <c>name=word</c>) in a panel's arguments, or null.</summary>
    public static string? Attribute(string? arguments, string name)
    {
        if (string.IsNullOrEmpty(arguments))
        {
            return null;
        }
        foreach (Match match in AttributePattern().Matches(arguments))
        {
            if (match.Groups["name"].Value == name)
            {
                return match.Groups["quoted"].Success ? match.Groups["quoted"].Value.Replace("\\\"", "\"", StringComparison.Ordinal) : match.Groups["bare"].Value;
            }
        }
        return null;
    }

    [GeneratedRegex("""(?<name>[\w-]+)=(?:"(?<quoted>(?:[^"\\]|\\.)*)"|(?<bare>[^\s"]+))""")]
    private static partial Regex AttributePattern();
}
