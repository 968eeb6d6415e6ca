using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using TutorialSite.Web.Content.Markdown.Highlighting;

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
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UseTaskLists()
        .UseTutorialSections()
        .UseSafeLinks()
        .UseCallouts()
        .UseCodeHighlighting()
        // Raw HTML is shown as text, never passed through: Markdig is not a sanitizer.
        .DisableHtml()
        .Build();
}
