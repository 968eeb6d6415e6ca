using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

/// <summary>
/// A learner's progress across the catalogue, for <c>/progress</c>: every course with its tutorials, the ticks on
/// items that no longer exist (shown apart, counted nowhere) and how many takeaways are due for review.
/// </summary>
public sealed record ProgressOverview(LearnerTicks Ticks, IReadOnlyList<CourseProgress> Courses,
    IReadOnlyList<(string Course, string Tutorial, string Key)> Retired, int ReviewsDue)
{
    public static ProgressOverview None { get; } = new(LearnerTicks.None, [], [], 0);

    public Completion Overall => Courses.Aggregate(default(Completion), (sum, c) => sum + c.Completion);

    /// <summary>How many courses the learner has started and finished.</summary>
    public (int Started, int Complete) CourseCounts => (Courses.Count(c => c.Completion.IsStarted), Courses.Count(c => c.Completion.IsComplete));

    public static async Task<ProgressOverview> LoadAsync(ProgressService progress, ContentSnapshot snapshot, string? learner, CancellationToken cancellationToken)
    {
        var ticks = await progress.TicksAsync(learner, cancellationToken);
        var courses = snapshot.Courses.Select(c => new CourseProgress(c, ticks.For(snapshot, c),
            [.. c.Tutorials.Select(t => new CourseModel.TutorialRow(t, ticks.For(snapshot, t)))]));
        return new(ticks, [.. courses], ticks.Retired(snapshot),
            await ReviewQueue.DueCountAsync(progress, snapshot, learner, ticks, cancellationToken));
    }
}

public sealed record CourseProgress(Course Course, Completion Completion, IReadOnlyList<CourseModel.TutorialRow> Tutorials);
