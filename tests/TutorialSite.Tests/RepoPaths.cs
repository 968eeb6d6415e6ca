namespace TutorialSite.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Content => Path.Combine(Root, "content");

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
