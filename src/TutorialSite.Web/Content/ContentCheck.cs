namespace TutorialSite.Web.Content;

/// <summary>
/// <c>check [--content DIR] [--accept]</c>: reads the whole content folder and prints every problem as
/// <c>path:line[:column]: error|warning: message [rule]</c>, then a summary; exit code 1 on any error.
/// It also guards learners' ticks against the committed <see cref="PublishedLock"/>; <c>--accept</c> records
/// the content as published, retiring on purpose whatever it no longer carries.
/// </summary>
public static class ContentCheck
{
    public static int Run(IConfiguration configuration, IHostEnvironment environment, string[] args, TextWriter output) =>
        Run(Path.GetFullPath(Option(args, "--content") ?? ContentRoot(configuration, environment), Environment.CurrentDirectory),
            args.Contains("--accept"), output);

    public static int Run(string root, bool accept, TextWriter output)
    {
        var snapshot = ContentLoader.Load(root, includeDrafts: true);
        var problems = snapshot.Problems.ToList();
        var lockProblems = new List<ContentProblem>();
        var published = Directory.Exists(root) ? PublishedLock.Read(root, lockProblems) : null;

        if (accept)
        {
            if (problems.Any(p => p.Severity == Severity.Error))
            {
                Print(output, root, problems);
                output.WriteLine("Not accepted: fix the errors first. --accept records what the content publishes now, and would retire the ticks of every item in a file that fails to load.");
                return 1;
            }
            var (text, retired) = PublishedLock.Accept(snapshot, published);
            File.WriteAllText(PublishedLock.PathIn(root), text);
            output.WriteLine($"Accepted: {Display(PublishedLock.PathIn(root), root)} records {snapshot.Tutorials.Count(t => !t.Draft)} published tutorials.");
            foreach (var item in retired)
            {
                output.WriteLine($"  retired {item}: its ticks stay in the database and count toward nothing");
            }
            published = PublishedLock.Read(root, lockProblems);
        }

        problems.AddRange(lockProblems);
        if (published is not null)
        {
            problems.AddRange(published.Check(snapshot));
        }
        else if (Directory.Exists(root))
        {
            problems.Add(new(PublishedLock.PathIn(root), 0, 0, Severity.Warning,
                $"there is no {PublishedLock.FileName} yet, so edits that orphan learners' ticks cannot be caught: run `check --accept` and commit it",
                Rules.PublishedLockMissing));
        }
        Print(output, root, problems);
        var errors = problems.Count(p => p.Severity == Severity.Error);
        output.WriteLine($"{Plural(errors, "error")}, {Plural(problems.Count - errors, "warning")} in {Plural(snapshot.Tutorials.Count(), "tutorial")} of {Plural(snapshot.Courses.Count, "course")} ({Display(root, root)})");
        return errors > 0 ? 1 : 0;
    }

    private static void Print(TextWriter output, string root, IEnumerable<ContentProblem> problems)
    {
        foreach (var problem in problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column))
        {
            output.WriteLine((problem with { Path = Display(problem.Path, root) }).ToString());
        }
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
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? Path.GetRelativePath(Path.GetDirectoryName(root) ?? root, path)
            : relative;
    }

    private static string Plural(int n, string word) => $"{n} {word}{(n == 1 ? "" : "s")}";
}
