using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

/// <summary>
/// Where the two features meet: a learner's ticks measured against the content as it is now. An item counts as
/// ticked under any identity it has had (former tutorial slugs, former keys); ticks on retired keys count nowhere.
/// </summary>
public static class ProgressExtensions
{
    public static IReadOnlyList<(string Course, string Tutorial)> TickIds(this ContentSnapshot content, Tutorial tutorial) =>
        [.. content.IdentitiesOf(tutorial).Select(id => (id.Course, id.Slug))];

    public static IReadOnlyList<IReadOnlyList<string>> ItemKeys(this Tutorial tutorial) =>
        [.. tutorial.ChecklistItems.Select(i => (IReadOnlyList<string>)[.. i.AllKeys])];

    public static Completion For(this LearnerTicks ticks, ContentSnapshot content, Tutorial tutorial)
    {
        if (ticks.IsEmpty)
        {
            return new(0, tutorial.ChecklistItems.Count);
        }
        var ids = content.TickIds(tutorial);
        return new(tutorial.ChecklistItems.Count(i => ticks.IsTicked(ids, i.AllKeys)), tutorial.ChecklistItems.Count);
    }

    public static Completion For(this LearnerTicks ticks, ContentSnapshot content, Course course) =>
        course.Tutorials.Aggregate(default(Completion), (sum, t) => sum + ticks.For(content, t));
}
