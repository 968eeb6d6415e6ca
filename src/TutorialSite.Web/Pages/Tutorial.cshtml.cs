using Microsoft.AspNetCore.Mvc;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

public sealed class TutorialModel(ContentStore content, ProgressService progress, IHostEnvironment environment) : SitePageModel
{
    public Course Course { get; private set; } = null!;

    public Tutorial Tutorial { get; private set; } = null!;

    public Tutorial? Previous { get; private set; }

    public Tutorial? Next { get; private set; }

    public LearnerTicks Ticks { get; private set; } = LearnerTicks.None;

    public IReadOnlyList<(string Course, string Tutorial)> TickIds { get; private set; } = [];

    /// <summary>Items added since the learner's last visit.</summary>
    public IReadOnlySet<string> NewKeys { get; private set; } = new HashSet<string>();

    /// <summary>Problems in this tutorial's file, shown to editors in Development.</summary>
    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];

    public Completion Completion => Ticks.For(content.Current, Tutorial);

    public override string Title => Tutorial.Title;

    public override string? Description => Tutorial.Description;

    public ChecklistView Checklist(RenderedSection section) => new(Tutorial, section, Ticks, TickIds, NewKeys);

    public async Task<IActionResult> OnGetAsync(string course, string tutorial)
    {
        var snapshot = content.Current;
        if (snapshot.FindTutorial(course, tutorial) is not { } found)
        {
            // A renamed or moved tutorial: its old address keeps working, permanently redirected.
            return snapshot.FindByAlias(course, tutorial) is { } moved ? RedirectPermanent($"/{moved.CourseSlug}/{moved.Slug}") : NotFound();
        }
        (Course, Tutorial, TickIds) = (snapshot.FindCourse(course)!, found, snapshot.TickIds(found));
        (Previous, Next) = snapshot.Neighbours(found);
        var learner = LearnerCookie.Read(HttpContext);
        Ticks = await progress.TicksAsync(learner, HttpContext.RequestAborted);
        NewKeys = await progress.NewSinceLastVisitAsync(learner, course, tutorial, found.ItemKeys(), HttpContext.RequestAborted);
        Problems = environment.IsDevelopment() ? [.. snapshot.Problems.Where(p => p.Path == found.SourcePath)] : [];
        return Page();
    }

    /// <summary>Ticks or unticks one item: a plain form post (redirects back to the item) or fetch (JSON).</summary>
    public async Task<IActionResult> OnPostTickAsync(string course, string tutorial, [FromForm] string? key, [FromForm] string? done)
    {
        if (string.IsNullOrEmpty(key) || done is not (null or "true" or "false"))
        {
            return Problem(400, "Send the item's `key`, and `done=true` to tick it (leave `done` out or send `false` to untick).");
        }
        var snapshot = content.Current;
        if ((snapshot.FindTutorial(course, tutorial) ?? snapshot.FindByAlias(course, tutorial)) is not { } found)
        {
            return Problem(404, "There is no such tutorial.");
        }
        // A page opened before an edit may still send an item's former key.
        if (found.ChecklistItems.FirstOrDefault(i => i.AllKeys.Contains(key)) is not { } item)
        {
            return Problem(404, "This tutorial has no such item; it may have been changed. Reload the page.");
        }
        var ticked = done == "true";
        var learner = await progress.SaveTickAsync(HttpContext, snapshot.TickIds(found), [.. item.AllKeys], ticked, found.ItemKeys(), HttpContext.RequestAborted);

        if (!WantsJson)
        {
            // 303: the browser follows with a GET, so a reload does not post again.
            Response.Headers.Location = $"/{found.CourseSlug}/{found.Slug}#{item.ElementId}";
            return StatusCode(StatusCodes.Status303SeeOther);
        }
        var completion = (await progress.TicksAsync(learner, HttpContext.RequestAborted)).For(snapshot, found);
        return new JsonResult(new { key = item.Key, done = ticked, progress = new { completion.Done, completion.Total } });
    }

    private bool WantsJson => Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    private ContentResult Problem(int status, string message) =>
        WantsJson
            ? new ContentResult { StatusCode = status, ContentType = "application/json", Content = System.Text.Json.JsonSerializer.Serialize(new { error = message }) }
            : new ContentResult { StatusCode = status, ContentType = "text/plain; charset=utf-8", Content = message };
}
