using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using TutorialSite.Web.Content.Markdown.Callouts;
using TutorialSite.Web.Content.Markdown.HeadingOrder;
using TutorialSite.Web.Content.Markdown.Highlighting;
using TutorialSite.Web.Content.Markdown.NestingGuard;
using TutorialSite.Web.Content.Markdown.Panels;
using TutorialSite.Web.Content.Markdown.RawHtml;
using TutorialSite.Web.Content.Markdown.SafeLinks;
using TutorialSite.Web.Content.Markdown.TutorialSections;

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
        // javascript.info's ```smart / ```warn asides: Markdown in a fence, shown as callouts rather than as code.
        .UsePanels()
        .UseCodeHighlighting()
        // GitHub's shortcodes (`:dollar:`); not smileys, which turn code-like text such as `:)` or `8)` into pictures.
        .UseEmojiAndSmiley(enableSmileys: false)
        // Raw HTML passes through, to be cleaned by RawHtmlSanitizer when the content loads: Markdig is not a sanitizer.
        .UseRawHtml()
        .Build();
}
