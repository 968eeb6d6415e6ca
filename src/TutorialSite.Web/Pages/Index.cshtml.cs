using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

public sealed class IndexModel(ContentStore content, ProgressService progress) : SitePageModel
{
    public override string Title => content.Current.Site.Name;

    public override string Description => "Free tutorials on Docker, Git, C# and more, with self-checks and practice tasks that remember your progress.";

    public override string CanonicalPath => "/";

    public IReadOnlyList<CourseRow> Courses { get; private set; } = [];

    /// <summary>Where the learner left off, if they have ticked anything.</summary>
    public (Tutorial Tutorial, ChecklistEntry? Item)? Continue { get; private set; }

    /// <summary>Takeaways due for review (<c>/review</c>).</summary>
    public int ReviewsDue { get; private set; }

    public async Task OnGetAsync()
    {
        var snapshot = content.Current;
        var learner = LearnerCookie.Read(HttpContext);
        var ticks = await progress.TicksAsync(learner, HttpContext.RequestAborted);
        Courses = Rows(snapshot, ticks);
        Continue = ticks.ContinueWith(snapshot);
        ReviewsDue = await ReviewQueue.DueCountAsync(progress, snapshot, learner, ticks, HttpContext.RequestAborted);
    }

    /// <summary>The tutorials and minutes of the whole catalogue, for the home page's introduction.</summary>
    public (int Tutorials, int Courses) Catalogue => (content.Current.Tutorials.Count(), content.Current.Courses.Count);

    public static IReadOnlyList<CourseRow> Rows(ContentSnapshot snapshot, LearnerTicks ticks) =>
        [.. snapshot.Courses.Select(c => new CourseRow(c, ticks.For(snapshot, c), ticks.NextIn(snapshot, c)))];

    public sealed record CourseRow(Course Course, Completion Completion, Tutorial? Next);
}
