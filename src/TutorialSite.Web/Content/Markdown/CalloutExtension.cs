using Markdig;
using Markdig.Extensions.Alerts;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

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
        renderer.WriteChildren(block);
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
