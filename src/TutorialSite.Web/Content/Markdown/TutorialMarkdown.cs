using Markdig;
using Markdig.Extensions.AutoIdentifiers;

namespace TutorialSite.Web.Content.Markdown;

/// <summary>The one Markdown pipeline of the site: built once, immutable, shared by every thread.</summary>
public static class TutorialMarkdown
{
    /// <summary>Hostile input: past this depth Markdig refuses the document instead of recursing without bound.</summary>
    public const int MaximumNestingDepth = 64;

    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder
    {
        MaximumNestingDepth = MaximumNestingDepth,
    }
        // First, so that its handler runs before any other extension walks the tree.
        .UseNestingGuard()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UseTaskLists()
        // Before the sections take FAQ questions out of the heading sequence.
        .UseHeadingOrder()
        .UseTutorialSections()
        .UseSafeLinks()
        .UseCallouts()
        .UseCodeHighlighting()
        // Raw HTML is shown as text, never passed through: Markdig is not a sanitizer.
        .DisableHtml()
        .Build();
}
