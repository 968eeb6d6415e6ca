using Markdig;
using Markdig.Extensions.Alerts;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TutorialSite.Web.Content.Markdown;

/// <summary>
/// GitHub-style alert blocks (<c>&gt; [!NOTE]</c>, <c>[!TIP]</c>, <c>[!IMPORTANT]</c>, <c>[!WARNING]</c>,
/// <c>[!CAUTION]</c>, and <c>[!CONTRAST]</c> for a "key contrast" box) rendered as accessible callouts.
/// Markdig parses them; this swaps in the renderer and reports kinds it does not know.
/// </summary>
public sealed class CalloutExtension : IMarkdownExtension
{
    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["NOTE"] = "Note",
        ["TIP"] = "Tip",
        ["IMPORTANT"] = "Important",
        ["WARNING"] = "Warning",
        ["CAUTION"] = "Caution",
        ["CONTRAST"] = "Key contrast",
    };

    public void Setup(MarkdownPipelineBuilder pipeline) => pipeline.DocumentProcessed += ReportUnknownKinds;

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Replace<AlertBlockRenderer>(new HtmlCalloutRenderer()))
        {
            html.ObjectRenderers.AddIfNotAlready<HtmlCalloutRenderer>();
        }
    }

    private static void ReportUnknownKinds(MarkdownDocument document)
    {
        foreach (var alert in document.Descendants<AlertBlock>().Where(a => !Titles.ContainsKey(a.Kind.ToString())))
        {
            MarkdownIssues.Add(document, alert, Severity.Warning,
                $"unknown callout `[!{alert.Kind}]`, shown as a note; use one of {string.Join(", ", Titles.Keys.Select(k => $"`[!{k}]`"))}",
                Rules.UnknownCallout);
        }
    }
}

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

public static class CalloutPipelineExtensions
{
    /// <summary>GitHub-style alerts as callouts (see <see cref="CalloutExtension"/>).</summary>
    public static MarkdownPipelineBuilder UseCallouts(this MarkdownPipelineBuilder pipeline)
    {
        // Markdig parses the alerts; ours comes after it so its renderer can replace Markdig's.
        pipeline.UseAlertBlocks();
        pipeline.Extensions.AddIfNotAlready<CalloutExtension>();
        return pipeline;
    }
}
