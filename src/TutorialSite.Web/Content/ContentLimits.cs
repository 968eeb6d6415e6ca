using TutorialSite.Web.Content.Markdown.NestingGuard;

namespace TutorialSite.Web.Content;

/// <summary>
/// What one file may cost. Each limit is checked before the expensive step it protects (the size before the file
/// is read, line lengths before Markdown is parsed, the front matter's shape before YAML builds nodes, nesting
/// before anything recursive walks the tree), so no file an editor writes can hold the site or <c>check</c> for long.
/// Each is far above what real lessons need, and each is reported at its line with its own rule (docs/authoring.md).
/// </summary>
public static class ContentLimits
{
    /// <summary>About 40 times the longest real lesson seen (the public curricula's longest is under 100 kB).</summary>
    public const long MaximumFileBytes = 5_000_000;

    /// <summary>Long enough for a minified line of code or a long table row; longer lines are generated, not written.</summary>
    public const int MaximumLineLength = 20_000;

    /// <summary>Front matter is a handful of short keys.</summary>
    public const int MaximumFrontMatterBytes = 16_384;

    /// <summary>YAML nesting in front matter (a list of tags is 2).</summary>
    public const int MaximumFrontMatterDepth = 8;

    /// <summary>YAML aliases (<c>*name</c>) in front matter: none is needed; a few are tolerated, many are "billion laughs".</summary>
    public const int MaximumFrontMatterAliases = 16;

    /// <summary>Null when the file is small enough to read, else its problem.</summary>
    public static ContentProblem? CheckSize(string file, long length) =>
        length <= MaximumFileBytes
            ? null
            : new ContentProblem(file, 0, 0, Severity.Error,
                $"the file is {length / 1_000_000.0:0.#} MB; a file may be at most {MaximumFileBytes / 1_000_000} MB: split it into several tutorials",
                Rules.FileTooLarge);

    /// <summary>Null when every line is short enough, else the first long line's problem.</summary>
    public static ContentProblem? CheckLines(string file, string text)
    {
        var line = 1;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }
            if (end - start > MaximumLineLength)
            {
                return new ContentProblem(file, line, MaximumLineLength + 1, Severity.Error,
                    $"line {line} is {end - start:N0} characters long; a line may be at most {MaximumLineLength:N0}: break it, or link to a file holding the data",
                    Rules.LineTooLong);
            }
            line++;
            start = end + 1;
        }
        return null;
    }

    /// <summary>The problem for a document refused as too deeply nested, at <paramref name="line"/> (1-based; 0 to find it).</summary>
    public static ContentProblem TooDeep(string file, string text, int line, int column) =>
        new(file, line > 0 ? line : MostNestedLine(text), column, Severity.Error,
            $"the Markdown here is nested too deeply (more than {NestingGuardExtension.MaximumDepth} levels of lists, quotes, emphasis or links); flatten it",
            Rules.TooComplex);

    /// <summary>
    /// Where Markdig gave up without saying where: the line with the most nesting marks (quote and list markers at
    /// its start, or a run of emphasis and bracket characters). A guess for the message only.
    /// </summary>
    private static int MostNestedLine(string text)
    {
        var (best, bestScore, line) = (1, 0, 1);
        foreach (var content in text.AsSpan().EnumerateLines())
        {
            var score = Math.Max(LeadingMarkers(content), LongestRun(content));
            if (score > bestScore)
            {
                (best, bestScore) = (line, score);
            }
            line++;
        }
        return best;
    }

    private static int LeadingMarkers(ReadOnlySpan<char> line)
    {
        var markers = 0;
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
            {
                i++;
            }
            if (i < line.Length && line[i] is '>' or '-' or '*' or '+')
            {
                markers++;
                i++;
            }
            else
            {
                var digits = i;
                while (i < line.Length && char.IsAsciiDigit(line[i]))
                {
                    i++;
                }
                if (i == digits || i >= line.Length || line[i] is not ('.' or ')'))
                {
                    break;
                }
                markers++;
                i++;
            }
        }
        return markers;
    }

    private static int LongestRun(ReadOnlySpan<char> line)
    {
        var (longest, run) = (0, 0);
        foreach (var c in line)
        {
            run = c is '*' or '_' or '[' or '!' or '~' ? run + 1 : 0;
            longest = Math.Max(longest, run / 2);
        }
        return longest;
    }
}
