using Microsoft.AspNetCore.Mvc;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

public sealed class ProgressModel(ContentStore content, ProgressService progress) : SitePageModel
{
    public override string Title => "My progress";

    public override string Description => "Your progress across all courses: what you have checked off and what is left.";

    public LearnerTicks Ticks { get; private set; } = LearnerTicks.None;

    public IReadOnlyList<CourseProgress> Courses { get; private set; } = [];

    public Completion Overall => Courses.Aggregate(default(Completion), (sum, c) => sum + c.Completion);

    public async Task OnGetAsync()
    {
        var snapshot = content.Current;
        Ticks = await progress.TicksAsync(LearnerCookie.Read(HttpContext), HttpContext.RequestAborted);
        Courses = [.. snapshot.Courses.Select(c => new CourseProgress(c, Ticks.For(snapshot, c),
            [.. c.Tutorials.Select(t => new CourseModel.TutorialRow(t, Ticks.For(snapshot, t)))]))];
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        if (LearnerCookie.Read(HttpContext) is { } learner)
        {
            await progress.ResetAsync(learner, HttpContext.RequestAborted);
        }
        Response.Headers.Location = "/progress";
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    public sealed record CourseProgress(Course Course, Completion Completion, IReadOnlyList<CourseModel.TutorialRow> Tutorials);
}
