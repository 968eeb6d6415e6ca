using Markdig.Syntax;

namespace TutorialSite.Web.Content.Markdown.TutorialSections;

/// <summary>An FAQ entry: an H3 question and the blocks under it as the answer.</summary>
public sealed class FaqItem(HeadingBlock question) : ContainerBlock(null)
{
    public HeadingBlock Question { get; } = question;
}
