using Microsoft.AspNetCore.Mvc;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

public sealed class TutorialModel(ContentStore content, ProgressService progress) : SitePageModel
{
    public Course Course { get; private set; } = null!;

    public Tutorial Tutorial { get; private set; } = null!;

    public Tutorial? Previous { get; private set; }

    public Tutorial? Next { get; private set; }

    public LearnerTicks Ticks { get; private set; } = LearnerTicks.None;

    public Completion Completion => Ticks.For(Tutorial);

    public override string Title => Tutorial.Title;

    public override string? Description => Tutorial.Description;

    public override string CanonicalPath => $"/{Tutorial.CourseSlug}/{Tutorial.Slug}";

    public override string OpenGraphType => "article";

    public async Task<IActionResult> OnGetAsync(string course, string tutorial)
    {
        var snapshot = content.Current;
        if (snapshot.FindTutorial(course, tutorial) is not { } found)
        {
            return NotFound();
        }
        (Course, Tutorial) = (snapshot.FindCourse(course)!, found);
        (Previous, Next) = snapshot.Neighbours(found);
        Ticks = await progress.TicksAsync(LearnerCookie.Read(HttpContext), course, tutorial, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Ticks or unticks one item: a plain form post (redirects back to the item) or fetch (JSON).</summary>
    public async Task<IActionResult> OnPostTickAsync(string course, string tutorial, [FromForm] string? key, [FromForm] string? done)
    {
        if (string.IsNullOrEmpty(key) || done is not (null or "true" or "false"))
        {
            return Problem(400, "Send the item's `key`, and `done=true` to tick it (leave `done` out or send `false` to untick).");
        }
        if (content.Current.FindTutorial(course, tutorial) is not { } found)
        {
            return Problem(404, "There is no such tutorial.");
        }
        if (!found.ChecklistKeys.Contains(key))
        {
            return Problem(404, "This tutorial has no such item; it may have been changed. Reload the page.");
        }
        var learner = await progress.EnsureLearnerAsync(HttpContext, HttpContext.RequestAborted);
        await progress.SetAsync(learner, course, tutorial, key, done == "true", HttpContext.RequestAborted);

        var anchor = "#" + found.ChecklistItems.First(i => i.Key == key).ElementId;
        if (!WantsJson)
        {
            // 303: the browser follows with a GET, so a reload does not post again.
            Response.Headers.Location = $"/{course}/{tutorial}{anchor}";
            return StatusCode(StatusCodes.Status303SeeOther);
        }
        var ticks = await progress.TicksAsync(learner, course, tutorial, HttpContext.RequestAborted);
        var completion = ticks.For(found);
        return new JsonResult(new { key, done = done == "true", progress = new { completion.Done, completion.Total } });
    }

    private bool WantsJson => Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    private ContentResult Problem(int status, string message) =>
        WantsJson
            ? new ContentResult { StatusCode = status, ContentType = "application/json", Content = System.Text.Json.JsonSerializer.Serialize(new { error = message }) }
            : new ContentResult { StatusCode = status, ContentType = "text/plain; charset=utf-8", Content = message };
}
