using TutorialSite.Web.Content.Markdown.Highlighting;

namespace TutorialSite.Web.Content;

/// <summary>How <c>check</c> prints each problem.</summary>
public enum CheckFormat
{
    /// <summary><c>path:line[:column]: error|warning: message [rule]</c>, as compilers print.</summary>
    Text,

    /// <summary>GitHub Actions workflow commands (<c>::error file=…,line=…,col=…::message</c>): annotations on the pull request.</summary>
    GitHub,
}

/// <summary>
/// <c>check [--content DIR] [--accept] [--format text|github]</c>: reads the whole content folder and prints every
/// problem as <c>path:line[:column]: error|warning: message [rule]</c> (or as GitHub annotations), then a summary;
/// exit code 1 on any error, 2 on a wrong option.
/// It also guards learners' ticks against the committed <see cref="PublishedLock"/>; <c>--accept</c> records
/// the content as published, retiring on purpose whatever it no longer carries.
/// </summary>
public static class ContentCheck
{
    public static int Run(ContentOptions options, IHostEnvironment environment, string[] args, TextWriter output)
    {
        var format = Option(args, "--format") ?? "text";
        if (!Enum.TryParse<CheckFormat>(format, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            output.WriteLine($"Unknown format `{format}`: use `--format text` (the default) or `--format github`.");
            return 2;
        }
        return Run(Path.GetFullPath(Option(args, "--content") ?? Path.GetFullPath(options.Path, environment.ContentRootPath), Environment.CurrentDirectory),
            args.Contains("--accept"), output, parsed);
    }

    public static int Run(string root, bool accept, TextWriter output, CheckFormat format = CheckFormat.Text)
    {
        ContentSnapshot snapshot;
        // Problems, ids and links do not depend on the colours: tokenizing every block (seconds to minutes on a big
        // curriculum, with no cache in a one-off process) would find nothing more.
        using (CodeHighlighter.Skip())
        {
            snapshot = ContentLoader.Load(root, includeDrafts: true);
        }
        var problems = snapshot.Problems.ToList();
        var lockProblems = new List<ContentProblem>();
        var published = Directory.Exists(root) ? PublishedLock.Read(root, lockProblems) : null;

        if (accept)
        {
            if (problems.Any(p => p.Severity == Severity.Error))
            {
                Print(output, root, problems, format);
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
        Print(output, root, problems, format);
        var errors = problems.Count(p => p.Severity == Severity.Error);
        output.WriteLine($"{Plural(errors, "error")}, {Plural(problems.Count - errors, "warning")} in {Plural(snapshot.Tutorials.Count(), "tutorial")} of {Plural(snapshot.Courses.Count, "course")} ({Display(root, root)})");
        return errors > 0 ? 1 : 0;
    }

    private static void Print(TextWriter output, string root, IEnumerable<ContentProblem> problems, CheckFormat format)
    {
        foreach (var problem in problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column))
        {
            var shown = problem with { Path = Display(problem.Path, root) };
            output.WriteLine(format == CheckFormat.GitHub ? GitHubAnnotation(shown) : shown.ToString());
        }
    }

    /// <summary>
    /// <c>::error file=docs/a.md,line=3,col=5,title=broken-link::message</c>; paths are relative to the current
    /// directory, which in a GitHub Actions job is the repository's root. Escaped as the runner expects.
    /// </summary>
    public static string GitHubAnnotation(ContentProblem problem)
    {
        var properties = new List<string> { $"file={Property(problem.Path.Replace('\\', '/'))}" };
        if (problem.Line > 0)
        {
            properties.Add($"line={problem.Line}");
            if (problem.Column > 0)
            {
                properties.Add($"col={problem.Column}");
            }
        }
        properties.Add($"title={Property(problem.Rule)}");
        return $"::{(problem.Severity == Severity.Error ? "error" : "warning")} {string.Join(',', properties)}::{Data($"{problem.Message} [{problem.Rule}]")}";

        static string Data(string value) => value.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

        static string Property(string value) => Data(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
    }

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
