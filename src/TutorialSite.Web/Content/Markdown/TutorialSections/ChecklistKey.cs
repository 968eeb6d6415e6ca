using Markdig.Syntax.Inlines;

namespace TutorialSite.Web.Content.Markdown.TutorialSections;

/// <summary>An explicit checklist key, <c>{#some-key}</c>, written at the end of an item's paragraph.</summary>
public sealed class ChecklistKey(string raw) : LeafInline
{
    /// <summary>What the editor wrote between <c>{#</c> and <c>}</c>, not yet validated.</summary>
    public string Raw { get; } = raw;
}
