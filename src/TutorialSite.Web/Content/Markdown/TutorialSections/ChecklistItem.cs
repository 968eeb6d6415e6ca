using Markdig.Syntax;

namespace TutorialSite.Web.Content.Markdown.TutorialSections;

/// <summary>A takeaway or practice task a learner can tick, with the key its ticks are stored under.</summary>
public sealed class ChecklistItem(string key, bool explicitKey) : ContainerBlock(null)
{
    /// <summary>The stable key: the editor's <c>{#key}</c>, or one derived from the item's text.</summary>
    public string Key { get; internal set; } = key;

    /// <summary>True when the editor wrote <c>{#key}</c>; rewording such an item keeps its ticks.</summary>
    public bool ExplicitKey { get; } = explicitKey;

    /// <summary>Keys the item had before (<c>{#key was old-key}</c>): their ticks count for this item.</summary>
    public IReadOnlyList<string> FormerKeys { get; init; } = [];

    /// <summary>Whether the list it came from was loose (paragraphs keep their <c>&lt;p&gt;</c>).</summary>
    public bool IsLoose { get; init; }
}
