namespace TutorialSite.Web.Progress;

/// <summary>
/// Spaced review of Key Takeaways, Leitner's way: a ticked takeaway is due 3 days after its tick; each "Still true"
/// moves it to the next box, due 7, then 21, then every 60 days after that answer. "Not anymore" unticks it; its
/// next tick starts again at the first box. Only answers move an item: a review missed for a month is simply due.
/// </summary>
public static class ReviewSchedule
{
    /// <summary>Box <c>n</c> is due <c>Intervals[n]</c> after the tick (box 0) or the answer that put it there.</summary>
    public static readonly IReadOnlyList<TimeSpan> Intervals = [TimeSpan.FromDays(3), TimeSpan.FromDays(7), TimeSpan.FromDays(21), TimeSpan.FromDays(60)];

    /// <summary>At most this many reviews a visit: a learner back after months is not met with a wall.</summary>
    public const int PerVisit = 20;

    /// <summary>
    /// Where a ticked takeaway stands: its last answer's box and due time if that answer came after the tick;
    /// otherwise (never answered, or ticked again since) the first box, due <c>Intervals[0]</c> after the tick.
    /// </summary>
    public static (int Box, DateTime DueAt) Current(DateTime tickedAt, Review? last) =>
        last is not null && last.AnsweredAt > tickedAt ? (last.Box, last.DueAt) : (0, tickedAt + Intervals[0]);

    /// <summary>After "Still true" in <paramref name="box"/>: the next box (the last one keeps its item), due from now.</summary>
    public static (int Box, DateTime DueAt) AfterStillTrue(int box, DateTime now)
    {
        var next = Math.Clamp(box + 1, 1, Intervals.Count - 1);
        return (next, now + Intervals[next]);
    }

    /// <summary>The outcome names: the buttons' words, in metrics (<c>tutorialsite.review.answers</c>) and insights.</summary>
    public const string StillTrue = "still_true";

    public const string NotAnymore = "not_anymore";
}
