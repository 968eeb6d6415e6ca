namespace TutorialSite.Web.Content;

public static partial class ContentLoader
{
    /// <summary>
    /// Loads one file so that nothing it holds can take the rest down: the limits in <see cref="ContentLimits"/>
    /// and the parsers' own errors report known failures at their line; whatever else a parser, extension or
    /// renderer throws becomes this file's <c>load-failed</c> problem, and the file is left out (or keeps its last
    /// good version) while every other file is served.
    /// </summary>
    private static T? Guarded<T>(string file, List<ContentProblem> problems, Func<T?> load)
        where T : class
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException))
        {
            problems.Add(new ContentProblem(file, 1, 0, Severity.Error,
                $"the file could not be loaded ({e.GetType().Name}: {e.Message}); simplify the part you changed last, and report the file as a bug",
                Rules.LoadFailed));
            return null;
        }
    }
}
