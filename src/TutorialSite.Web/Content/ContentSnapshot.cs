namespace TutorialSite.Web.Content;

/// <summary>All courses and tutorials as one immutable value, swapped whole when files change.</summary>
public sealed class ContentSnapshot
{
    private readonly Dictionary<string, Course> courses;
    private readonly Dictionary<(string Course, string Tutorial), Tutorial> tutorials;
    private readonly Dictionary<string, Course> courseAliases;
    private readonly Dictionary<(string Course, string Tutorial), Tutorial> tutorialAliases;
    private readonly Dictionary<string, Tutorial> bySource;

    public ContentSnapshot(string root, IReadOnlyList<Course> courses, IReadOnlyList<ContentProblem> problems)
    {
        Root = root;
        Courses = courses;
        Problems = problems;
        this.courses = courses.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        tutorials = courses.SelectMany(c => c.Tutorials).ToDictionary(t => (t.CourseSlug, t.Slug));
        courseAliases = [];
        foreach (var course in courses)
        {
            foreach (var alias in course.Aliases.Where(a => !this.courses.ContainsKey(a)))
            {
                courseAliases.TryAdd(alias, course);
            }
        }
        tutorialAliases = [];
        foreach (var tutorial in Tutorials)
        {
            foreach (var alias in tutorial.Aliases.Where(a => !tutorials.ContainsKey((a.Course, a.Slug))))
            {
                tutorialAliases.TryAdd((alias.Course, alias.Slug), tutorial);
            }
        }
        bySource = Tutorials.ToDictionary(t => t.SourcePath, StringComparer.Ordinal);
    }

    public static ContentSnapshot Empty { get; } = new("", [], []);

    /// <summary>The content folder this snapshot was read from.</summary>
    public string Root { get; }

    /// <summary>Who runs the site (<c>site.yml</c>), or the defaults.</summary>
    public SiteIdentity Site { get; init; } = SiteIdentity.Default;

    /// <summary>Courses in display order.</summary>
    public IReadOnlyList<Course> Courses { get; }

    /// <summary>Every problem found while loading; files with errors are left out, not half-served.</summary>
    public IReadOnlyList<ContentProblem> Problems { get; }

    public IEnumerable<Tutorial> Tutorials => Courses.SelectMany(c => c.Tutorials);

    /// <summary>
    /// The search index of this snapshot: built on first use, once, replaced with the snapshot. Searches that arrive
    /// together before it exists wait for the one build (at 2,000 tutorials about a second of CPU each) rather than
    /// each building their own. A snapshot with the same text as the one before it (a batch of the first start's
    /// pass renders HTML only) shares that one's terms instead of building its own (<see cref="KeepSearchOf"/>).
    /// </summary>
    public Search.SearchIndex Search => LazyInitializer.EnsureInitialized(ref search, ref searchLock, () => searchTerms.For(this));

    private Search.SearchIndex? search;
    private object? searchLock;
    private Search.SearchIndex.Shared searchTerms = new();

    /// <summary>
    /// Before this snapshot is published: when its tutorials have the same text as <paramref name="previous"/>'s, its
    /// index will be built from the same terms (built once, by whichever is searched first). An edit's snapshot has
    /// text of its own, and an index of its own.
    /// </summary>
    internal void KeepSearchOf(ContentSnapshot previous)
    {
        if (search is null && Content.Search.SearchIndex.SameText(previous, this))
        {
            searchTerms = previous.searchTerms;
        }
    }

    /// <summary>Every tag with its tutorials, by tag (case-insensitive), tags in alphabetical order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Tutorial>> Tags => field ??=
        Tutorials.SelectMany(t => t.Tags.Select(tag => (Tag: tag.ToLowerInvariant(), Tutorial: t)))
            .GroupBy(x => x.Tag, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Tutorial>)[.. g.Select(x => x.Tutorial).Distinct()], StringComparer.OrdinalIgnoreCase);

    public Course? FindCourse(string slug) => courses.GetValueOrDefault(slug);

    public Tutorial? FindTutorial(string course, string slug) => tutorials.GetValueOrDefault((course, slug));

    /// <summary>The course that used to be at <paramref name="slug"/> (front-matter <c>aliases</c>).</summary>
    public Course? FindCourseByAlias(string slug) => courseAliases.GetValueOrDefault(slug);

    /// <summary>
    /// The tutorial that used to be at <c>/course/slug</c>: by its own <c>aliases</c>, or because its course
    /// was renamed.
    /// </summary>
    public Tutorial? FindByAlias(string course, string slug) =>
        tutorialAliases.GetValueOrDefault((course, slug))
        ?? (FindCourseByAlias(course) is { } moved ? FindTutorial(moved.Slug, slug) ?? FindByAlias(moved.Slug, slug) : null);

    /// <summary>
    /// Every identity the tutorial's ticks may be stored under: its own, its aliases, and both again under
    /// former slugs of its course.
    /// </summary>
    public IReadOnlyList<TutorialId> IdentitiesOf(Tutorial tutorial)
    {
        var ids = tutorial.AllIds.ToList();
        if (FindCourse(tutorial.CourseSlug) is { Aliases.Count: > 0 } course)
        {
            ids.AddRange(ids.Where(id => id.Course == course.Slug).SelectMany(id => course.Aliases.Select(a => id with { Course = a })).ToList());
        }
        return ids;
    }

    /// <summary>The tutorial read from <paramref name="path"/>, to keep serving it when the file breaks.</summary>
    public Tutorial? FindBySource(string path) => bySource.GetValueOrDefault(path);

    /// <summary>The tutorials before and after <paramref name="tutorial"/> in its course.</summary>
    public (Tutorial? Previous, Tutorial? Next) Neighbours(Tutorial tutorial)
    {
        // Every tutorial page asks: find the position without copying the list.
        var list = courses[tutorial.CourseSlug].Tutorials;
        var at = -1;
        for (var i = 0; i < list.Count && at < 0; i++)
        {
            at = ReferenceEquals(list[i], tutorial) ? i : -1;
        }
        return (at > 0 ? list[at - 1] : null, at >= 0 && at < list.Count - 1 ? list[at + 1] : null);
    }
}
