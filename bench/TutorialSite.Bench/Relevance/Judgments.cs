using TutorialSite.Web.Content;

namespace TutorialSite.Bench.Relevance;

/// <summary>What a query is testing: the typo run is scored apart, and peers may search it their fuzzy way.</summary>
public enum QueryKind { Concept, Identifier, RunTogether, Typo }

/// <summary>A judged query: the best answer and the other relevant ones, as <c>course/slug</c>.</summary>
public sealed record Judgment(QueryKind Kind, string Query, string Best, IReadOnlyList<string> Others, int Line)
{
    public bool IsRelevant(string id) => id == Best || Others.Contains(id);
}

/// <summary>
/// A judged query set: one line per query, <c>kind | query | best | other other…</c> (kinds: concept, identifier,
/// run-together, typo), <c>#</c> for comments. Judged by reading the lessons; see bench/relevance/README.md.
/// </summary>
public static class Judgments
{
    public static IReadOnlyList<Judgment> Read(string file)
    {
        var judgments = new List<Judgment>();
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length is < 3 or > 4)
            {
                throw new FormatException($"{file}:{i + 1}: expected `kind | query | best | others`");
            }
            var kind = parts[0].Replace("-", "", StringComparison.Ordinal) is var k && Enum.TryParse<QueryKind>(k, ignoreCase: true, out var parsed)
                ? parsed
                : throw new FormatException($"{file}:{i + 1}: unknown kind `{parts[0]}`");
            var others = parts.Length == 4 ? parts[3].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            judgments.Add(new Judgment(kind, parts[1], parts[2], others, i + 1));
        }
        return judgments;
    }

    /// <summary>Every judged answer must be a tutorial of the content: a renamed lesson fails loudly, never scores 0 quietly.</summary>
    public static void Check(string file, IReadOnlyList<Judgment> judgments, ContentSnapshot content)
    {
        var ids = content.Tutorials.Select(t => t.Id.ToString()).ToHashSet(StringComparer.Ordinal);
        var missing = judgments.SelectMany(j => j.Others.Prepend(j.Best).Where(a => !ids.Contains(a)).Select(a => $"{file}:{j.Line}: no tutorial `{a}`")).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(string.Join('\n', missing));
        }
    }
}
