using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using TutorialSite.Web.Content;

namespace TutorialSite.Web.Pages;

/// <summary><c>/tags</c>: every topic, A to Z, with its tutorial count; <c>/tags/{tag}</c>: its tutorials by course.</summary>
public sealed class TagsModel(ContentStore content) : SitePageModel
{
    /// <summary>With more topics than this, the index gets a bar of letters to jump by.</summary>
    public const int LetterBarFrom = 40;

    private const int RelatedCount = 12;

    public string? Tag { get; private set; }

    public IReadOnlyList<Tutorial> Tutorials { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<Tutorial>> AllTags => content.Current.Tags;

    /// <summary>Topics grouped by their first letter (digits and signs under "#"), in order.</summary>
    public IEnumerable<IGrouping<string, KeyValuePair<string, IReadOnlyList<Tutorial>>>> ByLetter =>
        AllTags.GroupBy(t => char.IsLetter(t.Key[0]) ? char.ToUpperInvariant(t.Key[0]).ToString() : "#");

    /// <summary>This topic's tutorials grouped by course, in course order.</summary>
    public IEnumerable<(Course Course, IReadOnlyList<Tutorial> Tutorials)> ByCourse =>
        content.Current.Courses.Select(c => (c, (IReadOnlyList<Tutorial>)[.. Tutorials.Where(t => t.CourseSlug == c.Slug)])).Where(g => g.Item2.Count > 0);

    /// <summary>Topics this topic's tutorials share, most shared first: a way on.</summary>
    public IEnumerable<(string Tag, int Count)> Related =>
        Tutorials.SelectMany(t => t.Tags.Select(tag => tag.ToLowerInvariant()).Distinct()).Where(tag => tag != Tag)
            .GroupBy(tag => tag, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(RelatedCount).Select(g => (g.Key, AllTags[g.Key].Count));

    public int CountOf(string tag) => AllTags.TryGetValue(tag, out var tutorials) ? tutorials.Count : 0;

    public TutorialCard Card(Tutorial tutorial) => new(tutorial, null, new HtmlContentBuilder().Append(tutorial.Description ?? ""), HeadingLevel: 3, CurrentTag: Tag);

    public override string Title => Tag is null ? "Topics" : $"Tutorials tagged “{Tag}”";

    public override string Description => Tag is null ? "Every topic the tutorials cover, A to Z." : $"Every tutorial about {Tag}.";

    public override string CanonicalPath => Tag is null ? "/tags" : $"/tags/{Uri.EscapeDataString(Tag)}";

    public IActionResult OnGet(string? tag)
    {
        if (tag is null)
        {
            return Page();
        }
        if (!content.Current.Tags.TryGetValue(tag, out var tutorials))
        {
            return NotFound();
        }
        (Tag, Tutorials) = (tag.ToLowerInvariant(), tutorials);
        return Page();
    }
}
