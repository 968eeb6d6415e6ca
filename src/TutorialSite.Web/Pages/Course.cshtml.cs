using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

public sealed class CourseModel(ContentStore content, TickReader tickReader, EditLinks editLinks) : SitePageModel
{
    public Course Course { get; private set; } = null!;

    public IReadOnlyList<TutorialRow> Tutorials { get; private set; } = [];

    public override string Title => Course.Title;

    public override string? Description => Course.Description;

    public override string CanonicalPath => $"/{Course.Slug}";

    public override IEnumerable<JsonObject> StructuredData => SchemaOrg.ForCourse(Course, content.Current.Site.Name, BaseUrl);

    /// <summary>Where an editor changes the course's <c>_index.md</c>; null unless <c>Site__RepositoryUrl</c> is set.</summary>
    public string? EditUrl => editLinks.For(content.Current.Root, Course.SourcePath);

    public async Task<IActionResult> OnGetAsync(string course)
    {
        var snapshot = content.Current;
        if (snapshot.FindCourse(course) is not { } found)
        {
            // A renamed course: its old address keeps working, permanently redirected.
            return snapshot.FindCourseByAlias(course) is { } moved ? RedirectPermanent($"/{moved.Slug}") : NotFound();
        }
        Course = found;
        var ticks = await tickReader.TicksAsync(LearnerCookie.Read(HttpContext), HttpContext.RequestAborted);
        Tutorials = [.. found.Tutorials.Select(t => new TutorialRow(t, ticks.For(snapshot, t)))];
        return Page();
    }

    public sealed record TutorialRow(Tutorial Tutorial, Completion Completion);
}
