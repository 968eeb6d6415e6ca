using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;

namespace TutorialSite.Web.Content.Markdown.Panels;

/// <summary>
/// javascript.info's panels (<see cref="PanelParser.Kinds"/>): fences that hold Markdown, not code, rendered as the
/// site's callouts and quotes (<see cref="HtmlPanelRenderer"/>). Without it they are code blocks in an unknown
/// language, their Markdown shown as source.
/// </summary>
public sealed class PanelExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        // Before Markdig's code fences: a fence is tried as a panel first, and left to them when it is not one.
        if (!pipeline.BlockParsers.Contains<PanelParser>())
        {
            pipeline.BlockParsers.InsertBefore<FencedCodeBlockParser>(new PanelParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html)
        {
            html.ObjectRenderers.Insert(0, new HtmlPanelRenderer());
        }
    }
}

public static class PanelPipelineExtensions
{
    /// <summary>Renders javascript.info's panel fences (see <see cref="PanelExtension"/>).</summary>
    public static MarkdownPipelineBuilder UsePanels(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<PanelExtension>();
        return pipeline;
    }
}
