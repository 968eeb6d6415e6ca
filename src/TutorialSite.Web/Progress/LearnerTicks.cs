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
    private readonly IReadOnlyCollection<(string Course, string Tutorial, string Key)> identities;
    /// <summary>By identity, with when each was made; for undated ticks made at the first look-up (a template needs none).</summary>
    private Dictionary<(string Course, string Tutorial, string Key), DateTime>? ticks;
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
        identities = ticks.Keys;
        latest = list.MaxBy(t => t.TickedAt) is { } last ? (last.CourseSlug, last.TutorialSlug) : null;
        dated = true;
    }

    private LearnerTicks(IReadOnlyCollection<(string Course, string Tutorial, string Key)> identities) => this.identities = identities;

    /// <summary>
    /// Ticks read without the time each was made (<see cref="TickReader"/>: what a page view counts and shows needs
    /// none, and parsing the stored dates was a few per cent of a learner's page). <see cref="Latest"/> and
    /// <see cref="All"/> are unknown then and throw.
    /// </summary>
    public static LearnerTicks Undated(IReadOnlyCollection<(string Course, string Tutorial, string Key)> keys) => new(keys);

    private Dictionary<(string Course, string Tutorial, string Key), DateTime> ByIdentity
    {
        get
        {
            if (ticks is null)
            {
                var made = new Dictionary<(string Course, string Tutorial, string Key), DateTime>(identities.Count);
                foreach (var identity in identities)
                {
                    made[identity] = default;
                }
                ticks = made;
            }
            return ticks;
        }
    }

    /// <summary>Each tick's identity as it was stored (the course, tutorial and item key of its day), in no order.</summary>
    public IReadOnlyCollection<(string Course, string Tutorial, string Key)> Identities => identities;

    /// <summary>The tutorial the learner ticked in last (under the identity it had then).</summary>
    public (string Course, string Tutorial)? Latest => dated ? latest : throw NotDated();

    private static InvalidOperationException NotDated() =>
        new("These ticks were read without their dates (TickReader); read them with ProgressService.TicksAsync.");

    public static LearnerTicks None { get; } = new(Array.Empty<Tick>());

    public bool IsEmpty => identities.Count == 0;

    public int Count => ByIdentity.Count;

    public bool IsTicked(string course, string tutorial, string key) => ByIdentity.ContainsKey((course, tutorial, key));

    /// <summary>
    /// Whether any identity an item has had is ticked: its tutorial under any former address
    /// (<paramref name="tutorials"/>) and the item under any former key (<paramref name="keys"/>).
    /// </summary>
    public bool IsTicked(IEnumerable<(string Course, string Tutorial)> tutorials, IEnumerable<string> keys) =>
        tutorials.Any(t => keys.Any(k => ByIdentity.ContainsKey((t.Course, t.Tutorial, k))));

    /// <summary>Ticks that no item of the current content claims: kept, but counted nowhere.</summary>
    public IEnumerable<(string Course, string Tutorial, string Key)> Except(IEnumerable<(string Course, string Tutorial, string Key)> claimed) =>
        identities.Except(claimed);

    /// <summary>Every tick with when it was made, under the identity it was stored with.</summary>
    public IEnumerable<(string Course, string Tutorial, string Key, DateTime TickedAt)> All =>
        dated ? ByIdentity.Select(t => (t.Key.Course, t.Key.Tutorial, t.Key.Key, t.Value)) : throw NotDated();
}
