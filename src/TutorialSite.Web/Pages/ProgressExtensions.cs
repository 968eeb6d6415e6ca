using System.Runtime.CompilerServices;
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

    private static readonly ConditionalWeakTable<Tutorial, TutorialItems> items = new();

    /// <summary>The tutorial's items by their keys, as a learner's visit records them: built once per tutorial (a
    /// tutorial never changes; an edit makes a new one).</summary>
    public static TutorialItems Items(this Tutorial tutorial) =>
        items.GetValue(tutorial, static t => new([.. t.ChecklistItems.Select(i => (IReadOnlyList<string>)[.. i.AllKeys])]));

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

    /// <summary>
    /// Where to pick up: the tutorial last ticked in and its first unticked item, or, when that tutorial is
    /// complete, the next one in its course.
    /// </summary>
    public static (Tutorial Tutorial, ChecklistEntry? Item)? ContinueWith(this LearnerTicks ticks, ContentSnapshot content)
    {
        if (ticks.Latest is not (var course, var slug) || (content.FindTutorial(course, slug) ?? content.FindByAlias(course, slug)) is not { } tutorial)
        {
            return null;
        }
        var ids = content.TickIds(tutorial);
        if (tutorial.ChecklistItems.FirstOrDefault(i => !ticks.IsTicked(ids, i.AllKeys)) is { } item)
        {
            return (tutorial, item);
        }
        return content.Neighbours(tutorial).Next is { } next ? (next, next.ChecklistItems.Count > 0 ? next.ChecklistItems[0] : null) : null;
    }

    /// <summary>The first tutorial of a started course that is not complete yet.</summary>
    public static Tutorial? NextIn(this LearnerTicks ticks, ContentSnapshot content, Course course) =>
        ticks.For(content, course).IsStarted ? course.Tutorials.FirstOrDefault(t => !ticks.For(content, t).IsComplete) : null;

    /// <summary>Ticks no item of the current content claims (retired items): kept, but counted nowhere.</summary>
    public static IReadOnlyList<(string Course, string Tutorial, string Key)> Retired(this LearnerTicks ticks, ContentSnapshot content) =>
        [.. ticks.Except(content.ClaimedTicks()).Order()];

    /// <summary>Every identity a tick can have in the content as it is now: every tutorial identity × every item key.</summary>
    public static IEnumerable<(string Course, string Tutorial, string Key)> ClaimedTicks(this ContentSnapshot content) =>
        content.Tutorials.SelectMany(t => t.ChecklistItems.SelectMany(content.TickIds(t).TickIdentities));

    /// <summary>Every identity a tick on <paramref name="item"/> can have: each identity of its tutorial (<see cref="TickIds"/>) × each key the item has had.</summary>
    public static IEnumerable<(string Course, string Tutorial, string Key)> TickIdentities(this IReadOnlyList<(string Course, string Tutorial)> tutorialIds, ChecklistEntry item) =>
        tutorialIds.SelectMany(id => item.AllKeys.Select(key => (id.Course, id.Tutorial, key)));
}
