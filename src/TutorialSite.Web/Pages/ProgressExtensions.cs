using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

/// <summary>Where the two features meet: a learner's ticks measured against the content as it is now.</summary>
public static class ProgressExtensions
{
    public static Completion For(this LearnerTicks ticks, Tutorial tutorial) =>
        ticks.For(tutorial.CourseSlug, tutorial.Slug, tutorial.ChecklistKeys);

    public static Completion For(this LearnerTicks ticks, Course course) =>
        course.Tutorials.Aggregate(default(Completion), (sum, t) => sum + ticks.For(t));
}
