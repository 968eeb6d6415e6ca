namespace TutorialSite.Testing;

/// <summary>Paths in the repository the tests run from. One file, linked into both test projects (tests/Shared/).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Content => Path.Combine(Root, "content");

    /// <summary>Git-ignored: the browser tests' screenshots, saved pages, the Lighthouse report.</summary>
    public static string Artifacts => Path.Combine(Root, "artifacts", "browser-tests");

    /// <summary>The npm tools (Lighthouse, vnu-jar), installed by <c>tests/run.sh</c> with <c>npm ci</c>.</summary>
    public static string Tools => Path.Combine(Root, "tests", "TutorialSite.BrowserTests", "tools");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TutorialSite.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("TutorialSite.sln not found above " + AppContext.BaseDirectory);
    }
}
