namespace TutorialSite.Web.Content;

/// <summary>All courses and tutorials as one immutable value, swapped whole when files change.</summary>
public sealed class ContentSnapshot
{
    private readonly Dictionary<string, Course> courses;
    private readonly Dictionary<(string Course, string Tutorial), Tutorial> tutorials;

    public ContentSnapshot(IReadOnlyList<Course> courses, IReadOnlyList<ContentProblem> problems)
    {
        Courses = courses;
        Problems = problems;
        this.courses = courses.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        tutorials = courses.SelectMany(c => c.Tutorials).ToDictionary(t => (t.CourseSlug, t.Slug));
    }

    public static ContentSnapshot Empty { get; } = new([], []);

    /// <summary>Courses in display order.</summary>
    public IReadOnlyList<Course> Courses { get; }

    /// <summary>Every problem found while loading; files with errors are left out, not half-served.</summary>
    public IReadOnlyList<ContentProblem> Problems { get; }

    public IEnumerable<Tutorial> Tutorials => Courses.SelectMany(c => c.Tutorials);

    public Course? FindCourse(string slug) => courses.GetValueOrDefault(slug);

    public Tutorial? FindTutorial(string course, string slug) => tutorials.GetValueOrDefault((course, slug));

    /// <summary>The tutorials before and after <paramref name="tutorial"/> in its course.</summary>
    public (Tutorial? Previous, Tutorial? Next) Neighbours(Tutorial tutorial)
    {
        var list = courses[tutorial.CourseSlug].Tutorials;
        var at = list.ToList().IndexOf(tutorial);
        return (at > 0 ? list[at - 1] : null, at >= 0 && at < list.Count - 1 ? list[at + 1] : null);
    }
}
