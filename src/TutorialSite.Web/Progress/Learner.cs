namespace TutorialSite.Web.Progress;

/// <summary>An anonymous learner: nothing but a random id, known to their browser through a cookie.</summary>
public sealed class Learner
{
    public required string Id { get; init; }

    public DateTime CreatedAt { get; init; }
}

/// <summary>
/// What a learner stores about a tutorial: whose it is, and the tutorial by its content keys, never by a path, a
/// position or a title (<see cref="ProgressDbContext"/> maps them alike).
/// </summary>
public abstract class LearnersTutorialRow
{
    public required string LearnerId { get; init; }

    public required string CourseSlug { get; init; }

    public required string TutorialSlug { get; init; }
}

/// <summary>What a learner stores about one item of a tutorial (a takeaway or a practice task), by its key.</summary>
public abstract class LearnersItemRow : LearnersTutorialRow
{
    public required string ItemKey { get; init; }
}

/// <summary>A ticked takeaway or practice task.</summary>
public sealed class Tick : LearnersItemRow
{
    public DateTime TickedAt { get; init; }
}

/// <summary>Which items of a tutorial a learner has seen, to mark the ones added since as new.</summary>
public sealed class Visit : LearnersTutorialRow
{
    /// <summary>Every key of every item seen, space-separated (keys never contain spaces).</summary>
    public required string SeenKeys { get; set; }

    public DateTime SeenAt { get; set; }

    public static string Keys(IEnumerable<IEnumerable<string>> items) => string.Join(' ', items.SelectMany(k => k).Order(StringComparer.Ordinal));
}

/// <summary>
/// A tutorial's items by their keys (each item's current key first), and all of them joined the way a
/// <see cref="Visit"/> stores them: built once per tutorial, so a learner's page view compares one string instead of
/// sorting the keys again.
/// </summary>
public sealed class TutorialItems(IReadOnlyList<IReadOnlyList<string>> keys)
{
    public IReadOnlyList<IReadOnlyList<string>> Keys { get; } = keys;

    public string Joined { get; } = Visit.Keys(keys);
}

/// <summary>A short-lived, single-use code that attaches another browser to a learner.</summary>
public sealed class DeviceCode
{
    /// <summary>SHA-256 of the code: the database never holds a usable code.</summary>
    public required string CodeHash { get; init; }

    public required string LearnerId { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? UsedAt { get; set; }
}

/// <summary>
/// Where a ticked Key Takeaways item stands in its review (docs/authoring.md, "Review"): written when the learner
/// answers, by content identity like a tick. A ticked takeaway without one is in the first box, due three days
/// after its tick (<see cref="ReviewSchedule"/>). Kept when the tick goes (the item's history, for insights).
/// </summary>
public sealed class Review : LearnersItemRow
{
    /// <summary>The Leitner box: "Still true" answers in a row since the tick, up to the last interval.</summary>
    public int Box { get; set; }

    public DateTime DueAt { get; set; }

    /// <summary>The last answer: it speaks for the tick only if given after it (a new tick starts again).</summary>
    public DateTime AnsweredAt { get; set; }

    /// <summary>All "Still true" answers ever given on this item (never reset by a new tick).</summary>
    public int StillTrue { get; set; }

    /// <summary>All "Not anymore" answers ever given on this item.</summary>
    public int NotAnymore { get; set; }
}
