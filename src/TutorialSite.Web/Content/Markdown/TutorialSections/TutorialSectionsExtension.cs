using Markdig;
using Markdig.Renderers;

namespace TutorialSite.Web.Content.Markdown.TutorialSections;

/// <summary>
/// Recognizes a tutorial's Key Takeaways, Common Mistakes, Practice Tasks and FAQ sections and reshapes the
/// syntax tree under each into <see cref="TutorialSection"/>, <see cref="ChecklistItem"/> and <see cref="FaqItem"/>
/// (<see cref="TutorialSectionShaper"/>); <c>{#key}</c> is read by <see cref="ChecklistKeyInlineParser"/>.
/// </summary>
public sealed class TutorialSectionsExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.InlineParsers.AddIfNotAlready<ChecklistKeyInlineParser>();
        pipeline.DocumentProcessed += TutorialSectionShaper.Reshape;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html)
        {
            html.ObjectRenderers.AddIfNotAlready<HtmlTutorialSectionRenderer>();
            html.ObjectRenderers.AddIfNotAlready<HtmlChecklistKeyRenderer>();
        }
    }
}

public static class TutorialSectionsPipelineExtensions
{
    /// <summary>Turns the four tutorial sections into their own syntax nodes (see <see cref="TutorialSectionsExtension"/>).</summary>
    public static MarkdownPipelineBuilder UseTutorialSections(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<TutorialSectionsExtension>();
        return pipeline;
    }
}
