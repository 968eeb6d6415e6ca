using TutorialSite.Web.Content.Markdown;

namespace TutorialSite.Web.Content;

/// <summary>A course: a folder of tutorials with an <c>_index.md</c> introduction.</summary>
public sealed record Course(
    string Slug,
    string Title,
    string? Description,
    int Order,
    string IntroHtml,
    IReadOnlyList<Tutorial> Tutorials,
    string SourcePath);

/// <summary>A tutorial, parsed and rendered once per content change; requests only read it.</summary>
public sealed record Tutorial(
    string CourseSlug,
    string Slug,
    string Title,
    string? Description,
    int Order,
    DateOnly? Updated,
    IReadOnlyList<string> Tags,
    bool Draft,
    string BodyHtml,
    IReadOnlyList<TocEntry> Toc,
    IReadOnlyList<RenderedSection> Sections,
    string SourcePath)
{
    /// <summary>Every item a learner can tick, takeaways first, then practice tasks.</summary>
    public IReadOnlyList<ChecklistEntry> ChecklistItems { get; } =
        [.. Sections.Where(s => s.IsChecklist).SelectMany(s => s.Items)];

    public IReadOnlySet<string> ChecklistKeys => field ??= ChecklistItems.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
}

/// <summary>One of the four tutorial sections, rendered.</summary>
/// <param name="Html">The whole section as static HTML (used as-is for mistakes and the FAQ).</param>
/// <param name="IntroHtml">Any text in a checklist section before or between its items.</param>
/// <param name="Items">The checklist items; empty for mistakes and the FAQ.</param>
public sealed record RenderedSection(SectionKind Kind, string Id, string Title, string Html, string IntroHtml, IReadOnlyList<ChecklistEntry> Items)
{
    public bool IsChecklist => Kind is SectionKind.Takeaways or SectionKind.Tasks;
}

/// <summary>A takeaway or practice task: the key its ticks are stored under and its rendered text.</summary>
public sealed record ChecklistEntry(string Key, string Html, int Line)
{
    public string ElementId => HtmlTutorialSectionRenderer.ItemId(Key);
}

/// <summary>An entry of the on-page table of contents.</summary>
public sealed record TocEntry(string Id, string Text, int Level);
