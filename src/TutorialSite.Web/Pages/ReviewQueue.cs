using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

/// <summary>A ticked Key Takeaways item and where it stands in its review (<see cref="ReviewSchedule"/>).</summary>
public sealed record ReviewItem(Tutorial Tutorial, ChecklistEntry Item, int Box, DateTime DueAt);

/// <summary>
/// Where reviews meet the content: every takeaway the learner has ticked, under any identity it has had, with its
/// box and due time. Practice tasks are never reviewed (a task is done once); ticks and answers on items the content
/// no longer has are left out (kept in the database, like retired ticks). Walks the learner's own ticks, not the
/// catalogue.
/// </summary>
public static class ReviewQueue
{
    public static IReadOnlyList<ReviewItem> Scheduled(ContentSnapshot content, LearnerTicks ticks, IReadOnlyList<Review> reviews)
    {
        if (ticks.IsEmpty)
        {
            return [];
        }
        // The latest tick of each takeaway (it may be stored under a former key or address)...
        var ticked = new Dictionary<(Tutorial, ChecklistEntry), DateTime>();
        foreach (var (course, tutorial, key, tickedAt) in ticks.All)
        {
            if (Takeaway(content, course, tutorial, key) is { } item && (!ticked.TryGetValue(item, out var seen) || tickedAt > seen))
            {
                ticked[item] = tickedAt;
            }
        }
        // ...and its latest answer.
        var answers = new Dictionary<(Tutorial, ChecklistEntry), Review>();
        foreach (var review in reviews)
        {
            if (Takeaway(content, review.CourseSlug, review.TutorialSlug, review.ItemKey) is { } item && ticked.ContainsKey(item)
                && (!answers.TryGetValue(item, out var seen) || review.AnsweredAt > seen.AnsweredAt))
            {
                answers[item] = review;
            }
        }
        return [.. ticked.Select(t =>
        {
            var (box, dueAt) = ReviewSchedule.Current(t.Value, answers.GetValueOrDefault(t.Key));
            return new ReviewItem(t.Key.Item1, t.Key.Item2, box, dueAt);
        }).OrderBy(r => r.DueAt).ThenBy(r => r.Tutorial.CourseSlug, StringComparer.Ordinal).ThenBy(r => r.Tutorial.Order).ThenBy(r => r.Item.Line)];
    }

    /// <summary>The learner's ticked takeaways, soonest due first; none without a learner.</summary>
    public static async Task<IReadOnlyList<ReviewItem>> ScheduledAsync(ProgressService progress, ContentSnapshot content, string? learner,
        CancellationToken cancellationToken) =>
        learner is null ? []
            : Scheduled(content, await progress.TicksAsync(learner, cancellationToken), await progress.ReviewsAsync(learner, cancellationToken));

    /// <summary>The takeaway an answer names, if it is due for this learner now (else it was answered, unticked or changed meanwhile).</summary>
    public static async Task<ReviewItem?> DueAsync(ProgressService progress, ContentSnapshot content, string? learner,
        (string Course, string Tutorial, string Key) answered, DateTime now, CancellationToken cancellationToken) =>
        learner is null || Takeaway(content, answered.Course, answered.Tutorial, answered.Key) is not (var found, var entry) ? null
            : (await ScheduledAsync(progress, content, learner, cancellationToken)).FirstOrDefault(r => r.Tutorial == found && r.Item == entry && r.DueAt <= now);

    /// <summary>Stores an answer: "Still true" moves the takeaway a box on, "Not anymore" unticks it and starts it again.</summary>
    /// <returns>When it is due next.</returns>
    public static async Task<DateTime> AnswerAsync(ProgressService progress, ContentSnapshot content, string learner, ReviewItem item, bool stillTrue,
        DateTime now, CancellationToken cancellationToken)
    {
        (int Box, DateTime DueAt) next = stillTrue ? ReviewSchedule.AfterStillTrue(item.Box, now) : (0, now + ReviewSchedule.Intervals[0]);
        await progress.AnswerReviewAsync(learner, content.TickIds(item.Tutorial), [.. item.Item.AllKeys], stillTrue, next, cancellationToken);
        return next.DueAt;
    }

    /// <summary>
    /// Whether anything can be due yet, from the ticks alone: an answer only ever moves an item later than its
    /// tick's first due time, so a learner whose takeaways were all ticked under three days ago needs no query.
    /// </summary>
    public static bool AnyCanBeDue(ContentSnapshot content, LearnerTicks ticks, DateTime now) =>
        ticks.All.Any(t => t.TickedAt + ReviewSchedule.Intervals[0] <= now && Takeaway(content, t.Course, t.Tutorial, t.Key) is not null);

    /// <summary>How many takeaways are due now, for the "N takeaways to review" link; a query only when any can be.</summary>
    public static async Task<int> DueCountAsync(ProgressService progress, ContentSnapshot content, string? learner, LearnerTicks ticks,
        CancellationToken cancellationToken)
    {
        var now = progress.Now;
        if (learner is null || !AnyCanBeDue(content, ticks, now))
        {
            return 0;
        }
        return Scheduled(content, ticks, await progress.ReviewsAsync(learner, cancellationToken)).Count(r => r.DueAt <= now);
    }

    /// <summary>"in 3 days": when something falls due, in the words the pages use.</summary>
    public static string In(TimeSpan wait)
    {
        var days = (int)Math.Ceiling(wait.TotalDays);
        return wait <= TimeSpan.Zero ? "now" : wait < TimeSpan.FromDays(1) ? "in less than a day" : days == 1 ? "in 1 day" : $"in {days} days";
    }

    /// <summary>The takeaway a tick or an answer under this identity belongs to, if the content still has it.</summary>
    public static (Tutorial Tutorial, ChecklistEntry Item)? Takeaway(ContentSnapshot content, string course, string tutorial, string key)
    {
        if ((content.FindTutorial(course, tutorial) ?? content.FindByAlias(course, tutorial)) is not { } found)
        {
            return null;
        }
        foreach (var section in found.Sections)
        {
            if (section.Kind == SectionKind.Takeaways && section.Items.FirstOrDefault(i => i.Key == key || i.FormerKeys.Contains(key)) is { } item)
            {
                return (found, item);
            }
        }
        return null;
    }
}
