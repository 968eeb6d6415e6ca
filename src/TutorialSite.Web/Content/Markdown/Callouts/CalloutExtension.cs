using Markdig;
using Markdig.Extensions.Alerts;
using Markdig.Renderers;
using Markdig.Syntax;

namespace TutorialSite.Web.Content.Markdown.Callouts;

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
