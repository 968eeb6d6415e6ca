using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TutorialSite.Web.Content.Markdown.NestingGuard;

/// <summary>
/// Refuses a document nested deeper than <see cref="MaximumDepth"/> (blocks and inlines together: lists in
/// quotes, emphasis in links in emphasis...) before anything recursive walks it. Markdig bounds block nesting while
/// parsing, but emphasis can nest as deep as a paragraph is long, and the renderers, our section shaping and
/// <see cref="InlineText"/> all recurse: without this a paragraph of a few kilobytes of asterisks fails at
/// rendering, and a longer one could exhaust the stack.
/// </summary>
/// <remarks>Registered first in the pipeline, so its handler runs before every other extension's.</remarks>
public sealed class NestingGuardExtension : IMarkdownExtension
{
    /// <summary>Far beyond real prose (a list in a list in a quote, with a link in bold, is about 10).</summary>
    public const int MaximumDepth = 48;

    public void Setup(MarkdownPipelineBuilder pipeline) => pipeline.DocumentProcessed += Guard;

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private static void Guard(MarkdownDocument document)
    {
        if (Deepest(document) is { } at)
        {
            throw new MarkdownTooDeepException(at.Line, at.Column);
        }
    }

    /// <summary>The first object found past the limit, or null; iterative, so it cannot overflow the stack itself.</summary>
    public static MarkdownObject? Deepest(MarkdownDocument document)
    {
        var pending = new Stack<(MarkdownObject Node, int Depth)>();
        pending.Push((document, 0));
        while (pending.TryPop(out var current))
        {
            if (current.Depth > MaximumDepth)
            {
                return current.Node;
            }
            switch (current.Node)
            {
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        pending.Push((child, current.Depth + 1));
                    }
                    break;
                case LeafBlock { Inline: { } inline }:
                    pending.Push((inline, current.Depth + 1));
                    break;
                case ContainerInline container:
                    for (var child = container.FirstChild; child is not null; child = child.NextSibling)
                    {
                        pending.Push((child, current.Depth + 1));
                    }
                    break;
            }
        }
        return null;
    }
}

public static class NestingGuardPipelineExtensions
{
    /// <summary>Refuses documents nested too deeply to walk safely (see <see cref="NestingGuardExtension"/>).</summary>
    public static MarkdownPipelineBuilder UseNestingGuard(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<NestingGuardExtension>();
        return pipeline;
    }
}
