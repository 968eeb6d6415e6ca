using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

/// <summary>Every course, as cards with the learner's progress: where the header's bounded Courses menu leads.</summary>
public sealed class CoursesModel(ContentStore content, TickReader tickReader) : SitePageModel
{
    public override string Title => "All courses";

    public override string Description => $"Every course on the site: {content.Current.Courses.Count} courses, {content.Current.Tutorials.Count()} tutorials.";

    public override string CanonicalPath => "/courses";

    public IReadOnlyList<IndexModel.CourseRow> Courses { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var snapshot = content.Current;
        var ticks = await tickReader.TicksAsync(LearnerCookie.Read(HttpContext), HttpContext.RequestAborted);
        Courses = IndexModel.Rows(snapshot, ticks);
    }
}
