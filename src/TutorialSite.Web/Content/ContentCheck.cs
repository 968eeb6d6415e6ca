namespace TutorialSite.Web.Content;

/// <summary>
/// <c>check [--content DIR]</c>: reads the whole content folder and prints every problem as
/// <c>path:line[:column]: error|warning: message [rule]</c>, then a summary. Exit code 1 on any error.
/// </summary>
public static class ContentCheck
{
    public static int Run(IConfiguration configuration, IHostEnvironment environment, string[] args, TextWriter output)
    {
        var root = Path.GetFullPath(Option(args, "--content") ?? ContentRoot(configuration, environment), Environment.CurrentDirectory);
        var snapshot = ContentLoader.Load(root, includeDrafts: true);
        var problems = snapshot.Problems
            .OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column)
            .ToList();
        foreach (var problem in problems)
        {
            output.WriteLine((problem with { Path = Display(problem.Path, root) }).ToString());
        }
        var errors = problems.Count(p => p.Severity == Severity.Error);
        var warnings = problems.Count - errors;
        output.WriteLine($"{Plural(errors, "error")}, {Plural(warnings, "warning")} in {snapshot.Tutorials.Count()} tutorials of {snapshot.Courses.Count} courses ({Display(root, root)})");
        return errors > 0 ? 1 : 0;
    }

    private static string ContentRoot(IConfiguration configuration, IHostEnvironment environment) =>
        Path.GetFullPath(configuration.GetSection("Content").Get<ContentOptions>()?.Path ?? new ContentOptions().Path, environment.ContentRootPath);

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>Relative to the current directory when the file is below it, else to the content folder's parent.</summary>
    private static string Display(string path, string root)
    {
        var cwd = Environment.CurrentDirectory;
        var relative = Path.GetRelativePath(cwd, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? Path.GetRelativePath(Path.GetDirectoryName(root) ?? root, path)
            : relative;
    }

    private static string Plural(int n, string word) => $"{n} {word}{(n == 1 ? "" : "s")}";
}
