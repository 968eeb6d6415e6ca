using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TutorialSite.Web.Content.Markdown.RawHtml;

/// <summary>
/// Raw HTML in tutorials: parsed as CommonMark says, written verbatim with its Markdown place noted
/// (<see cref="RawHtmlSourceMap"/>), then cleaned by <see cref="RawHtmlSanitizer"/> once per content change. HTML
/// comments are dropped from the syntax tree (with any Markdown inside them): they are notes to editors.
/// </summary>
public sealed class RawHtmlExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline) => pipeline.DocumentProcessed += DropComments;

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html)
        {
            // A map per renderer: every piece of a tutorial is rendered by a renderer of its own.
            var map = new RawHtmlSourceMap();
            html.ObjectRenderers.Replace<HtmlBlockRenderer>(new HtmlRawBlockRenderer(map));
            html.ObjectRenderers.Replace<HtmlInlineRenderer>(new HtmlRawInlineRenderer(map));
        }
    }

    /// <summary>The raw HTML a renderer has written so far; null for a renderer this pipeline did not set up.</summary>
    public static RawHtmlSourceMap? MapOf(HtmlRenderer renderer) => renderer.ObjectRenderers.Find<HtmlRawBlockRenderer>()?.Map;

    /// <summary>Call before rendering each top-level block of a long piece (see <see cref="RawHtmlSourceMap.MarkBlock"/>).</summary>
    public static void MarkBlock(HtmlRenderer renderer) => MapOf(renderer)?.MarkBlock(Offset(renderer));

    internal static int Offset(HtmlRenderer renderer) =>
        renderer.Writer is StringWriter writer ? writer.GetStringBuilder().Length : 0;

    private static void DropComments(MarkdownDocument document)
    {
        foreach (var block in document.Descendants<HtmlBlock>().Where(b => b.Type == HtmlBlockType.Comment).ToList())
        {
            block.Parent?.Remove(block);
        }
        foreach (var inline in document.Descendants<HtmlInline>().Where(i => i.Tag.StartsWith("<!--", StringComparison.Ordinal)).ToList())
        {
            inline.Remove();
        }
    }
}

public static class RawHtmlPipelineExtensions
{
    /// <summary>Raw HTML passed through for <see cref="RawHtmlSanitizer"/> to clean (see <see cref="RawHtmlExtension"/>).</summary>
    public static MarkdownPipelineBuilder UseRawHtml(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<RawHtmlExtension>();
        return pipeline;
    }
}
