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
/// A learner's ticks, read once per request. Whether an item counts is decided against the content as it is
/// now: ticks on keys that no longer exist stay in the database but count toward nothing.
/// </summary>
public sealed class LearnerTicks
{
    private readonly Dictionary<(string Course, string Tutorial, string Key), DateTime> ticks;
    private readonly (string Course, string Tutorial)? latest;
    private readonly bool dated;

    public LearnerTicks(IEnumerable<Tick> rows)
    {
        var list = rows as IReadOnlyCollection<Tick> ?? [.. rows];
        ticks = new(list.Count);
        foreach (var tick in list)
        {
            ticks[(tick.CourseSlug, tick.TutorialSlug, tick.ItemKey)] = tick.TickedAt;
        }
        latest = list.MaxBy(t => t.TickedAt) is { } last ? (last.CourseSlug, last.TutorialSlug) : null;
        dated = true;
    }

    private LearnerTicks(Dictionary<(string Course, string Tutorial, string Key), DateTime> ticks) => this.ticks = ticks;

    /// <summary>
    /// Ticks read without the time each was made (<see cref="TickReader"/>: what a page view counts and shows needs
    /// none, and parsing the stored dates was a few per cent of a learner's page). <see cref="Latest"/> and
    /// <see cref="All"/> are unknown then and throw.
    /// </summary>
    public static LearnerTicks Undated(IReadOnlyCollection<(string Course, string Tutorial, string Key)> keys)
    {
        var ticks = new Dictionary<(string Course, string Tutorial, string Key), DateTime>(keys.Count);
        foreach (var key in keys)
        {
            ticks[key] = default;
        }
        return new(ticks);
    }

    /// <summary>The tutorial the learner ticked in last (under the identity it had then).</summary>
    public (string Course, string Tutorial)? Latest => dated ? latest : throw NotDated();

    private static InvalidOperationException NotDated() =>
        new("These ticks were read without their dates (TickReader); read them with ProgressService.TicksAsync.");

    public static LearnerTicks None { get; } = new(Array.Empty<Tick>());

    public bool IsEmpty => ticks.Count == 0;

    public int Count => ticks.Count;

    public bool IsTicked(string course, string tutorial, string key) => ticks.ContainsKey((course, tutorial, key));

    /// <summary>
    /// Whether any identity an item has had is ticked: its tutorial under any former address
    /// (<paramref name="tutorials"/>) and the item under any former key (<paramref name="keys"/>).
    /// </summary>
    public bool IsTicked(IEnumerable<(string Course, string Tutorial)> tutorials, IEnumerable<string> keys) =>
        tutorials.Any(t => keys.Any(k => ticks.ContainsKey((t.Course, t.Tutorial, k))));

    /// <summary>Whether any of these identities of one item is ticked (a learner page's template lists them once).</summary>
    public bool IsAnyTicked(ReadOnlySpan<(string Course, string Tutorial, string Key)> identities)
    {
        foreach (var identity in identities)
        {
            if (ticks.ContainsKey(identity))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Ticks that no item of the current content claims: kept, but counted nowhere.</summary>
    public IEnumerable<(string Course, string Tutorial, string Key)> Except(IEnumerable<(string Course, string Tutorial, string Key)> claimed) =>
        ticks.Keys.Except(claimed);

    /// <summary>Every tick with when it was made, under the identity it was stored with.</summary>
    public IEnumerable<(string Course, string Tutorial, string Key, DateTime TickedAt)> All =>
        dated ? ticks.Select(t => (t.Key.Course, t.Key.Tutorial, t.Key.Key, t.Value)) : throw NotDated();
}
