using Markdig.Syntax;

namespace TutorialSite.Web.Content.Markdown.TutorialSections;

/// <summary>An H2 section recognized by its heading, holding the blocks up to the next H2.</summary>
/// <remarks>
/// Children are <see cref="ChecklistItem"/>s (takeaways, tasks), <see cref="ListItemBlock"/>s (mistakes) or
/// <see cref="FaqItem"/>s; blocks that fit none of those stay as they are and render as the section's intro.
/// </remarks>
public sealed class TutorialSection(SectionKind kind, HeadingBlock heading) : ContainerBlock(null)
{
    public SectionKind Kind { get; } = kind;

    /// <summary>The editor's heading, kept for its line number and wording.</summary>
    public HeadingBlock Heading { get; } = heading;

    public bool IsChecklist => Kind is SectionKind.Takeaways or SectionKind.Tasks;

    /// <summary>The anchor id of the section on the page.</summary>
    public string Id => Ids[Kind];

    /// <summary>The heading shown to readers, whichever accepted spelling the editor used.</summary>
    public string Title => Titles[Kind];

    private static readonly Dictionary<SectionKind, string> Ids = new()
    {
        [SectionKind.Takeaways] = "key-takeaways",
        [SectionKind.Mistakes] = "common-mistakes",
        [SectionKind.Tasks] = "practice-tasks",
        [SectionKind.Faq] = "faq",
    };

    private static readonly Dictionary<SectionKind, string> Titles = new()
    {
        [SectionKind.Takeaways] = "Key Takeaways",
        [SectionKind.Mistakes] = "Common Mistakes to Avoid",
        [SectionKind.Tasks] = "Practice Tasks",
        [SectionKind.Faq] = "Frequently Asked Questions",
    };

    private static readonly Dictionary<string, SectionKind> Headings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Key Takeaways"] = SectionKind.Takeaways,
        ["Common Mistakes to Avoid"] = SectionKind.Mistakes,
        ["Common Mistakes"] = SectionKind.Mistakes,
        ["Practice Tasks"] = SectionKind.Tasks,
        ["Frequently Asked Questions"] = SectionKind.Faq,
        ["FAQ"] = SectionKind.Faq,
    };

    /// <summary>Every heading text that is recognized, case-insensitively.</summary>
    public static IEnumerable<string> RecognizedHeadings => Headings.Keys;

    /// <param name="headingText">The heading's text as <see cref="InlineText.Of"/> gives it: spaces already collapsed.</param>
    public static bool TryRecognize(string headingText, out SectionKind kind) => Headings.TryGetValue(headingText, out kind);
}
