using System.Text;
using System.Text.Json;

namespace TutorialSite.Web.Content;

/// <summary>
/// <c>content/published.lock</c>: every tutorial address and checklist key learners may have ticked, written by
/// <c>check --accept</c> and committed. <c>check</c> compares the content with it, so no edit can orphan
/// learners' ticks without the editor saying so: keep the key, map it (<c>{#new was old}</c>, <c>aliases</c>),
/// or retire it with <c>--accept</c>.
/// </summary>
public sealed class PublishedLock
{
    public const string FileName = "published.lock";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private PublishedLock(Dictionary<string, Entry> entries, Dictionary<string, int> lines)
    {
        Entries = entries;
        Lines = lines;
    }

    /// <summary>One published tutorial, by its address <c>course/slug</c>.</summary>
    /// <param name="Keys">Every key its items carry ticks under (current and former keys).</param>
    /// <param name="Aliases">Former addresses whose ticks count for it.</param>
    /// <param name="RetiredKeys">Keys retired on purpose: their ticks stay in the database but count nowhere, and they may not be used again.</param>
    /// <param name="Retired">The whole tutorial was retired on purpose.</param>
    public sealed record Entry(IReadOnlyList<string> Keys, IReadOnlyList<string> Aliases, IReadOnlyList<string> RetiredKeys, bool Retired = false);

    public IReadOnlyDictionary<string, Entry> Entries { get; }

    private Dictionary<string, int> Lines { get; }

    public static string PathIn(string contentRoot) => Path.Combine(contentRoot, FileName);

    /// <summary>The lock in <paramref name="contentRoot"/>, or null when there is none yet.</summary>
    public static PublishedLock? Read(string contentRoot, ICollection<ContentProblem> problems)
    {
        var path = PathIn(contentRoot);
        if (!File.Exists(path))
        {
            return null;
        }
        var text = File.ReadAllText(path);
        try
        {
            var entries = JsonSerializer.Deserialize<Dictionary<string, Entry>>(text, Json) ?? [];
            var lines = new Dictionary<string, int>(StringComparer.Ordinal);
            var lineNumber = 0;
            foreach (var line in text.Split('\n'))
            {
                lineNumber++;
                var trimmed = line.TrimStart();
                if (trimmed.StartsWith('"') && trimmed.IndexOf('"', 1) is > 1 and var end)
                {
                    lines.TryAdd(trimmed[1..end], lineNumber);
                }
            }
            return new PublishedLock(entries, lines);
        }
        catch (JsonException e)
        {
            problems.Add(new(path, (int)(e.LineNumber ?? 0) + 1, 0, Severity.Error,
                $"{FileName} is not valid: {e.Message.Split('.')[0]}; restore it from version control, or rewrite it with `check --accept`", Rules.PublishedLockMissing));
            return null;
        }
    }

    /// <summary>Every way the content no longer carries a published tutorial or key, as problems at file and line.</summary>
    public IEnumerable<ContentProblem> Check(ContentSnapshot content)
    {
        var path = PathIn(content.Root);
        foreach (var (id, entry) in Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var (course, slug) = Split(id);
            var current = content.FindTutorial(course, slug);
            if (entry.Retired)
            {
                foreach (var problem in current is null ? [] : Reused(current, entry.RetiredKeys, id))
                {
                    yield return problem;
                }
                continue;
            }
            var tutorial = current ?? content.FindByAlias(course, slug);
            if (tutorial is null)
            {
                yield return new(path, Lines.GetValueOrDefault(id), 0, Severity.Error,
                    $"tutorial `{id}` was published and learners' ticks point at it, but no file has that address now: if it was renamed, add `aliases: [{slug}]` to its front matter (`aliases: [{id}]` if it moved to another course); to retire it and its ticks on purpose, run `check --accept`",
                    Rules.PublishedTutorialRemoved);
                continue;
            }
            foreach (var alias in entry.Aliases.Where(a => Split(a) is var (c, s) && content.FindTutorial(c, s) is null && content.FindByAlias(c, s) != tutorial))
            {
                yield return new(tutorial.SourcePath, 1, 0, Severity.Error,
                    $"published alias `{alias}` was removed from `aliases`, which orphans the ticks stored under it: put it back, or retire it with `check --accept`",
                    Rules.PublishedTutorialRemoved);
            }
            var keys = tutorial.ChecklistItems.SelectMany(i => i.AllKeys).ToHashSet(StringComparer.Ordinal);
            var unpublished = tutorial.ChecklistItems.FirstOrDefault(i => !i.AllKeys.Any(entry.Keys.Contains));
            foreach (var key in entry.Keys.Where(k => !keys.Contains(k)))
            {
                yield return new(tutorial.SourcePath, unpublished?.Line ?? (tutorial.ChecklistItems.Count > 0 ? tutorial.ChecklistItems[0].Line : 1), 0, Severity.Error,
                    $"published checklist key `{key}` is gone, and learners' ticks are stored under it: if you reworded its item, end the item with `{{#{key}}}` to keep them; if a new item replaces it, write `{{#new-key was {key}}}`; to retire it on purpose, run `check --accept`",
                    Rules.PublishedKeyRemoved);
            }
            foreach (var problem in Reused(tutorial, entry.RetiredKeys, id))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<ContentProblem> Reused(Tutorial tutorial, IReadOnlyList<string> retired, string id) =>
        tutorial.ChecklistItems.SelectMany(i => i.AllKeys.Where(retired.Contains).Select(k => new ContentProblem(tutorial.SourcePath, i.Line, 0, Severity.Error,
            $"checklist key `{k}` of `{id}` was retired; using it again would bring back old ticks: choose another key", Rules.RetiredKeyReused)));

    /// <summary>
    /// The lock that accepts the content as it is: every published tutorial and key recorded, and everything the
    /// old lock had that the content no longer carries retired (kept, so it cannot come back by accident).
    /// </summary>
    public static (string Text, IReadOnlyList<string> Retired) Accept(ContentSnapshot content, PublishedLock? old)
    {
        var entries = new SortedDictionary<string, Entry>(StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var retired = new List<string>();
        foreach (var tutorial in content.Tutorials.Where(t => !t.Draft))
        {
            var ids = content.IdentitiesOf(tutorial).Select(i => i.ToString()).ToList();
            var previous = ids.Select(i => old?.Entries.GetValueOrDefault(i)).OfType<Entry>().ToList();
            claimed.UnionWith(ids);
            var keys = tutorial.ChecklistItems.SelectMany(i => i.AllKeys).Order(StringComparer.Ordinal).ToList();
            var dropped = previous.SelectMany(p => p.Keys.Concat(p.RetiredKeys)).Except(keys).Distinct().Order(StringComparer.Ordinal).ToList();
            retired.AddRange(previous.SelectMany(p => p.Keys).Except(keys).Distinct().Select(k => $"{tutorial.Id}#{k}"));
            entries[tutorial.Id.ToString()] = new Entry(keys, [.. tutorial.Aliases.Select(a => a.ToString()).Order(StringComparer.Ordinal)], dropped);
        }
        foreach (var (id, entry) in old?.Entries ?? new Dictionary<string, Entry>())
        {
            if (!claimed.Contains(id) && !entries.ContainsKey(id))
            {
                if (!entry.Retired)
                {
                    retired.Add(id);
                }
                entries[id] = new Entry([], [], [.. entry.Keys.Concat(entry.RetiredKeys).Distinct().Order(StringComparer.Ordinal)], Retired: true);
            }
        }
        return (Write(entries), retired);
    }

    /// <summary>One tutorial per line: reviewable in a diff, and every error can name its line.</summary>
    private static string Write(SortedDictionary<string, Entry> entries)
    {
        var text = new StringBuilder("{\n");
        var i = 0;
        foreach (var (id, entry) in entries)
        {
            text.Append("  ").Append(JsonSerializer.Serialize(id)).Append(": ").Append(JsonSerializer.Serialize(entry, Json))
                .Append(++i < entries.Count ? ",\n" : "\n");
        }
        return text.Append("}\n").ToString();
    }

    private static (string Course, string Slug) Split(string id) =>
        id.IndexOf('/', StringComparison.Ordinal) is > 0 and var at ? (id[..at], id[(at + 1)..]) : (id, "");
}
