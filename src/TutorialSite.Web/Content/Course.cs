using System.Text.Json.Serialization;
using TutorialSite.Web.Content.Markdown.TutorialSections;

namespace TutorialSite.Web.Content;

/// <summary>A course: a folder of tutorials with an <c>_index.md</c> introduction.</summary>
public sealed record Course(
    string Slug,
    string Title,
    string? Description,
    int Order,
    Utf8Html IntroHtml,
    IReadOnlyList<Tutorial> Tutorials,
    string SourcePath)
{
    /// <summary>Former slugs of the course (front-matter <c>aliases</c>): old URLs redirect, old ticks count.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Links written in the introduction, checked by <c>check</c>.</summary>
    public IReadOnlyList<ContentLink> Links { get; init; } = [];
}

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
    Utf8Html BodyHtml,
    IReadOnlyList<TocEntry> Toc,
    IReadOnlyList<RenderedSection> Sections,
    string SourcePath)
{
    /// <summary>Former identities (<c>course/slug</c>) from front-matter <c>aliases</c>: old URLs redirect here, old ticks count here.</summary>
    public IReadOnlyList<TutorialId> Aliases { get; init; } = [];

    /// <summary>Links and images written in the file, checked by <c>check</c>.</summary>
    public IReadOnlyList<ContentLink> Links { get; init; } = [];

    /// <summary>Every element id a link may point at: headings, sections, FAQ questions, checklist items, raw HTML ids.</summary>
    public IReadOnlySet<string> Anchors { get; init; } = new HashSet<string>();

    /// <summary>Ids the editor wrote in raw HTML that cleaning removed, with where and why: what a broken fragment link is told.</summary>
    public IReadOnlyDictionary<string, string> RemovedAnchors { get; init; } = new Dictionary<string, string>();

    /// <summary>The file's size and time of last change when it was read: an unchanged file is not parsed again.</summary>
    public (long Length, DateTime LastWriteUtc) SourceStamp { get; init; }

    /// <summary>
    /// Some of its code was shown plain because the load deferred highlighting (a first start): the next load renders
    /// the file again even though it has not changed (<see cref="ContentLoading"/>: the batch that holds it).
    /// </summary>
    public bool CodePending { get; init; }

    /// <summary>Minutes to read the whole page, computed when the file is loaded (<see cref="ReadingTime"/>).</summary>
    public int ReadingMinutes { get; init; } = 1;

    /// <summary>The FAQ's questions and answers as plain text, for search engines (JSON-LD <c>FAQPage</c>).</summary>
    public IReadOnlyList<FaqEntry> Faq { get; init; } = [];

    /// <summary>The text search reads: headings, prose and code, taken from the syntax tree (never markup).</summary>
    public Search.SearchText SearchText { get; init; } = Search.SearchText.Empty;

    /// <summary>Problems found in the file itself (not its links), kept with it for when it is reused unparsed.</summary>
    public IReadOnlyList<ContentProblem> FileProblems { get; init; } = [];

    [JsonIgnore]
    public TutorialId Id => new(CourseSlug, Slug);

    /// <summary>The identities ticks of this tutorial may be stored under: its own first, then its aliases.</summary>
    [JsonIgnore]
    public IEnumerable<TutorialId> AllIds => Aliases.Prepend(Id);

    /// <summary>Every item a learner can tick, takeaways first, then practice tasks.</summary>
    [JsonIgnore]
    public IReadOnlyList<ChecklistEntry> ChecklistItems { get; } =
        [.. Sections.Where(s => s.IsChecklist).SelectMany(s => s.Items)];

    [JsonIgnore]
    public IReadOnlySet<string> ChecklistKeys => field ??= ChecklistItems.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
}

/// <summary>The four sections a tutorial may end with, recognized by their H2 heading.</summary>
public enum SectionKind
{
    Takeaways,
    Mistakes,
    Tasks,
    Faq,
}

/// <summary>One of the four tutorial sections, rendered.</summary>
/// <param name="Html">Mistakes and the FAQ: the whole section as static HTML. Empty for checklists, which the page renders from their items.</param>
/// <param name="IntroHtml">Any text in a checklist section before or between its items.</param>
/// <param name="Items">The checklist items; empty for mistakes and the FAQ.</param>
public sealed record RenderedSection(SectionKind Kind, string Id, string Title, Utf8Html Html, Utf8Html IntroHtml, IReadOnlyList<ChecklistEntry> Items)
{
    [JsonIgnore]
    public bool IsChecklist => Kind is SectionKind.Takeaways or SectionKind.Tasks;
}

/// <summary>A takeaway or practice task: the key its ticks are stored under and its rendered text.</summary>
public sealed record ChecklistEntry(string Key, Utf8Html Html, int Line)
{
    /// <summary>Keys the item had before (<c>{#key was old-key}</c>): ticks on them count for this item.</summary>
    public IReadOnlyList<string> FormerKeys { get; init; } = [];

    [JsonIgnore]
    public IEnumerable<string> AllKeys => FormerKeys.Prepend(Key);

    /// <summary>The item as plain text, without markup.</summary>
    public string Text { get; init; } = "";

    [JsonIgnore]
    public string ElementId => HtmlTutorialSectionRenderer.ItemId(Key);
}

/// <summary>A question of the FAQ and its answer, as plain text.</summary>
public sealed record FaqEntry(string Question, string Answer);

/// <summary>An entry of the on-page table of contents.</summary>
public sealed record TocEntry(string Id, string Text, int Level);

/// <summary>The identity a tutorial's ticks are stored under: course slug and tutorial slug.</summary>
public readonly record struct TutorialId(string Course, string Slug)
{
    public override string ToString() => $"{Course}/{Slug}";
}

/// <summary>A link or image in a content file, with where it was written.</summary>
/// <param name="Url">What the editor wrote.</param>
/// <param name="Target">Where it points on the site after rewriting (<c>.md</c> links and relative images), or the URL itself.</param>
public sealed record ContentLink(string Url, string Target, int Line, int Column, bool IsImage);
