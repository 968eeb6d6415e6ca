using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using TutorialSite.Web.Content;
using TutorialSite.Web.Content.Search;

namespace TutorialSite.Web.Pages;

public sealed class SearchModel(ContentStore content, PageMetrics metrics) : SitePageModel
{
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "course")]
    public string? Course { get; set; }

    [FromQuery(Name = "tag")]
    public string? Tag { get; set; }

    /// <summary>Search the words as typed, without near spellings: the "search instead for" link.</summary>
    [FromQuery(Name = "exact")]
    public bool Exact { get; set; }

    public SearchResults Results { get; private set; } = SearchResults.None;

    /// <summary>What the search found, or why it did not search: one line, announced as it changes.</summary>
    public string Status { get; private set; } = "";

    public IReadOnlyList<Course> Courses => content.Current.Courses;

    public IEnumerable<string> Tags => content.Current.Tags.Keys;

    /// <summary>The words and the filters: a tab, a bookmark or a crawler tells one filtered search from another.</summary>
    public override string Title => (string.IsNullOrWhiteSpace(Q) ? "Search" : $"Search: {Q}") + (FilterText is { } filters ? $" ({filters})" : "");

    public override string Description => FilterText is { } filters
        ? $"Search the tutorials within {filters}: lessons, takeaways, practice tasks and FAQs."
        : "Search every tutorial, takeaway, practice task and FAQ.";

    public string CourseTitle(Tutorial tutorial) => content.Current.FindCourse(tutorial.CourseSlug)?.Title ?? tutorial.CourseSlug;

    public TutorialCard Card(SearchResult result) => new(result.Tutorial, CourseTitle(result.Tutorial), new HtmlString(result.SnippetHtml));

    /// <summary>How many tutorials search covers, for the page's lead.</summary>
    public int TutorialCount => content.Current.Courses.Sum(c => c.Tutorials.Count);

    /// <summary>The course filter's title, when it names a course.</summary>
    public string? CourseFilter => string.IsNullOrEmpty(Course) ? null : content.Current.FindCourse(Course)?.Title;

    /// <summary>The topic filter, when it names a topic.</summary>
    public string? TagFilter => string.IsNullOrEmpty(Tag) || !content.Current.Tags.ContainsKey(Tag) ? null : Tag.ToLowerInvariant();

    /// <summary>What the filters keep, in words ("Docker and #basics"); null when nothing is filtered.</summary>
    public string? FilterText => string.Join(" and ", new[] { CourseFilter, TagFilter is { } tag ? "#" + tag : null }.OfType<string>()) is { Length: > 0 } text ? text : null;

    /// <summary>The most covered topics with their counts: a way on from an empty search.</summary>
    public IEnumerable<(string Tag, int Count)> PopularTags =>
        content.Current.Tags.Select(t => (t.Key, t.Value.Count)).OrderByDescending(t => t.Count).ThenBy(t => t.Key, StringComparer.Ordinal).Take(PopularTagCount);

    private const int PopularTagCount = 12;

    public void OnGet()
    {
        var query = Q?.Trim() ?? "";
        if (query.Length == 0)
        {
            Status = "Type a word or two to find tutorials.";
            return;
        }
        var cut = query.Length > SearchIndex.MaxQueryLength;
        if (cut)
        {
            Q = query = query[..SearchIndex.MaxQueryLength];
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Results = content.Current.Search.Search(query, string.IsNullOrEmpty(Course) ? null : Course, string.IsNullOrEmpty(Tag) ? null : Tag, asTyped: Exact);
        metrics.Searched(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        Status = SearchStatus.Describe(Results, query, cut);
    }
}
