using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;

namespace TutorialSite.Web.Content.Markdown.HeadingOrder;

/// <summary>
/// Warns where a heading skips a level (an H2 followed by an H4): screen-reader users navigate by heading level,
/// and a skipped level reads as a missing section. The page's title is the H1, so the first heading should be an H2.
/// </summary>
public sealed class HeadingOrderExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline) => pipeline.DocumentProcessed += Check;

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private static void Check(MarkdownDocument document)
    {
        var previous = 1;
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            if (heading.Level > previous + 1)
            {
                MarkdownIssues.Add(document, heading, Severity.Warning,
                    $"heading `{new string('#', heading.Level)} {InlineText.Of(heading.Inline)}` skips from level {previous} to {heading.Level}; make it `{new string('#', previous + 1)}`, or add the level between",
                    Rules.HeadingOrder);
            }
            previous = heading.Level;
        }
    }
}

public static class HeadingOrderPipelineExtensions
{
    /// <summary>Warns about skipped heading levels (see <see cref="HeadingOrderExtension"/>).</summary>
    public static MarkdownPipelineBuilder UseHeadingOrder(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<HeadingOrderExtension>();
        return pipeline;
    }
}
