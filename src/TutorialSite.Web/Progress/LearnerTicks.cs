namespace TutorialSite.Web.Progress;

/// <summary>How much of something is done: ticked items over the items it has now.</summary>
public readonly record struct Completion(int Done, int Total)
{
    public bool IsComplete => Total > 0 && Done >= Total;

    public bool IsStarted => Done > 0;

    public int Percent => Total == 0 ? 0 : (int)Math.Round(100.0 * Done / Total);

    public static Completion operator +(Completion a, Completion b) => new(a.Done + b.Done, a.Total + b.Total);
}

/// <summary>
/// A learner's ticks, read once per request. Progress is computed against the keys the content has now:
/// ticks on keys that no longer exist are kept in the database but count toward nothing.
/// </summary>
public sealed class LearnerTicks
{
    private readonly Dictionary<(string Course, string Tutorial), HashSet<string>> ticks;

    public LearnerTicks(IEnumerable<Tick> rows) =>
        ticks = rows.GroupBy(t => (t.CourseSlug, t.TutorialSlug))
            .ToDictionary(g => g.Key, g => g.Select(t => t.ItemKey).ToHashSet(StringComparer.Ordinal));

    public static LearnerTicks None { get; } = new([]);

    public bool IsEmpty => ticks.Count == 0;

    public bool IsTicked(string course, string tutorial, string key) =>
        ticks.TryGetValue((course, tutorial), out var keys) && keys.Contains(key);

    /// <summary>Ticked items among <paramref name="currentKeys"/>, the items the tutorial has now.</summary>
    public Completion For(string course, string tutorial, IReadOnlySet<string> currentKeys) =>
        new(ticks.TryGetValue((course, tutorial), out var keys) ? keys.Count(currentKeys.Contains) : 0, currentKeys.Count);
}
