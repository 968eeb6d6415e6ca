namespace TutorialSite.BrowserTests;

/// <summary>One address of each page type in the sample content.</summary>
public static class SitePages
{
    // What the content makes: the home page's courses, a course, a tutorial, the topics
    public const string Home = "/";
    public const string Course = "/git";
    public const string Tutorial = "/git/first-repository";
    public const string Tags = "/tags";
    public const string Tag = "/tags/git";

    // The site's own pages
    public const string Progress = "/progress";
    public const string Search = "/search?q=commit";
    public const string NotFound = "/git/no-such-tutorial";

    /// <summary>A search that finds nothing: the page's way on (topics, all courses) instead of results.</summary>
    public const string SearchNothing = "/search?q=qwxyzzyq&tag=git";

    public static IReadOnlyList<(string Name, string Path)> Named { get; } =
    [
        ("home", Home), ("course", Course), ("tutorial", Tutorial), ("progress", Progress), ("404", NotFound),
        ("tags", Tags), ("tag", Tag), ("search", Search), ("search-nothing", SearchNothing),
    ];
}
