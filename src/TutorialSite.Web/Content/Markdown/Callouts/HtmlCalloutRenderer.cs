using Markdig.Extensions.Alerts;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TutorialSite.Web.Content.Markdown.Callouts;

/// <summary>A callout: a titled box with <c>role="note"</c>, styled per kind, readable without colour.</summary>
public sealed class HtmlCalloutRenderer : HtmlObjectRenderer<AlertBlock>
{
    protected override void Write(HtmlRenderer renderer, AlertBlock block)
    {
        var kind = block.Kind.ToString().ToUpperInvariant();
        var title = CalloutExtension.Titles.GetValueOrDefault(kind, "Note");
        var css = CalloutExtension.Titles.ContainsKey(kind) ? kind.ToLowerInvariant() : "note";
        renderer.Write("<div class=\"callout callout-").Write(css).Write("\" role=\"note\">");
        renderer.Write("<p class=\"callout-title\">").Write(title).WriteLine("</p>");
        if (kind == "CONTRAST" && Sides(block) is { } sides)
        {
            WriteSides(renderer, sides);
        }
        else
        {
            renderer.WriteChildren(block);
        }
        renderer.WriteLine("</div>");
    }

    /// <summary>
    /// A contrast's sides: each starts with a bold label and a colon (<c>**Image**: … **Container**: …</c>), in one
    /// paragraph or one paragraph each. Null when the callout is not written so (then it is shown as written).
    /// </summary>
    private static List<(Inline Label, List<Inline> Text)>? Sides(AlertBlock block)
    {
        if (block.Count == 0 || block.Any(b => b is not ParagraphBlock { Inline: not null }))
        {
            return null;
        }
        var sides = new List<(Inline Label, List<Inline> Text)>();
        foreach (var paragraph in block.Cast<ParagraphBlock>())
        {
            foreach (var inline in paragraph.Inline!)
            {
                if (IsLabel(inline))
                {
                    sides.Add((inline, []));
                }
                else if (sides.Count == 0)
                {
                    return null;
                }
                else
                {
                    sides[^1].Text.Add(inline);
                }
            }
        }
        return sides.Count >= 2 ? sides : null;
    }

    private static bool IsLabel(Inline inline) =>
        inline is EmphasisInline { DelimiterCount: 2 } && inline.NextSibling is LiteralInline literal && literal.Content.ToString().StartsWith(':');

    private static void WriteSides(HtmlRenderer renderer, List<(Inline Label, List<Inline> Text)> sides)
    {
        renderer.WriteLine("<div class=\"contrast-sides\">");
        foreach (var (label, text) in sides)
        {
            renderer.Write("<div class=\"contrast-side\"><p class=\"contrast-label\">");
            renderer.WriteChildren((ContainerInline)label);
            renderer.WriteLine("</p>");
            renderer.Write("<p>");
            for (var i = 0; i < text.Count; i++)
            {
                if (text[i] is LiteralInline literal && (i == 0 || i == text.Count - 1))
                {
                    // The colon after the label is the label's; the side's text starts after it. Line ends between
                    // paragraphs are dropped at both ends.
                    var value = literal.Content.ToString();
                    value = i == 0 ? value[1..].TrimStart() : value;
                    renderer.WriteEscape(i == text.Count - 1 ? value.TrimEnd() : value);
                }
                else
                {
                    renderer.Write(text[i]);
                }
            }
            renderer.WriteLine("</p></div>");
        }
        renderer.WriteLine("</div>");
    }
}
