using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using TutorialSite.Web.Content.Markdown.RawHtml;

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
        // GitHub's shortcodes (`:dollar:`); not smileys, which turn code-like text such as `:)` or `8)` into pictures.
        .UseEmojiAndSmiley(enableSmileys: false)
        // Raw HTML passes through, to be cleaned by RawHtmlSanitizer when the content loads: Markdig is not a sanitizer.
        .UseRawHtml()
        .Build();
}
