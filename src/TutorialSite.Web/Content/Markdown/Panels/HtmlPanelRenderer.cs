using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace TutorialSite.Web.Content.Markdown.Panels;

/// <summary>
/// Writes a panel with the site's own pieces, so it needs no style of its own: <c>smart</c> and <c>warn</c> become the
/// Note and Warning callouts (their <c>header</c> as the title), <c>quote</c> a block quote with its author,
/// <c>compare</c> a note holding the pros and the cons lists under their titles, <c>online</c> its content as it is
/// (the site is the online edition) and <c>offline</c> nothing (it is for the printed book).
/// </summary>
public sealed class HtmlPanelRenderer : HtmlObjectRenderer<Panel>
{
    protected override void Write(HtmlRenderer renderer, Panel panel)
    {
        switch (panel.Kind)
        {
            case "smart":
                WriteCallout(renderer, panel, "note", panel.Attribute("header") ?? "Note");
                break;
            case "warn":
                WriteCallout(renderer, panel, "warning", panel.Attribute("header") ?? "Warning");
                break;
            case "quote":
                renderer.WriteLine("<blockquote>");
                renderer.WriteChildren(panel);
                if (panel.Attribute("author") is { Length: > 0 } author)
                {
                    renderer.Write("<p>— ").WriteEscape(author).WriteLine("</p>");
                }
                renderer.WriteLine("</blockquote>");
                break;
            case "compare":
                WriteComparison(renderer, panel);
                break;
            case "online":
                renderer.WriteChildren(panel);
                break;
            default: // offline
                break;
        }
    }

    private static void WriteCallout(HtmlRenderer renderer, Panel panel, string kind, string title)
    {
        renderer.Write("<div class=\"callout callout-").Write(kind).Write("\" role=\"note\">");
        renderer.Write("<p class=\"callout-title\">");
        WriteTitle(renderer, title);
        renderer.WriteLine("</p>");
        renderer.WriteChildren(panel);
        renderer.WriteLine("</div>");
    }

    /// <summary>The <c>+</c> list under <c>title-plus</c> (or "Pros"), the <c>-</c> list under <c>title-minus</c> (or "Cons").</summary>
    private static void WriteComparison(HtmlRenderer renderer, Panel panel)
    {
        renderer.Write("<div class=\"callout callout-note\" role=\"note\">");
        foreach (var block in panel)
        {
            if (block is ListBlock { IsOrdered: false } list && list.BulletType is '+' or '-')
            {
                renderer.Write("<p class=\"callout-title\">");
                WriteTitle(renderer, list.BulletType == '+' ? panel.Attribute("title-plus") ?? "Pros" : panel.Attribute("title-minus") ?? "Cons");
                renderer.WriteLine("</p>");
            }
            renderer.Render(block);
        }
        renderer.WriteLine("</div>");
    }

    /// <summary>A title as written, escaped, with its <c>`code`</c> spans kept as code.</summary>
    private static void WriteTitle(HtmlRenderer renderer, string title)
    {
        var parts = title.Split('`');
        for (var i = 0; i < parts.Length; i++)
        {
            // Odd parts are inside backticks, unless the last backtick is unpaired.
            var code = i % 2 == 1 && (parts.Length % 2 == 1 || i < parts.Length - 1);
            if (code)
            {
                renderer.Write("<code>").WriteEscape(parts[i]).Write("</code>");
            }
            else
            {
                renderer.WriteEscape(i % 2 == 1 ? "`" + parts[i] : parts[i]);
            }
        }
    }
}
