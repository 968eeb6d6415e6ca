using Microsoft.AspNetCore.Mvc;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

/// <summary>
/// <c>/review</c>: the learner's due takeaways, oldest due first, at most <see cref="ReviewSchedule.PerVisit"/> a
/// visit, each answered "Still true" or "Not anymore" by a plain form (the site's script sends it with fetch).
/// </summary>
public sealed class ReviewModel(ContentStore content, ProgressService progress) : SitePageModel
{
    public const string StillTrueAnswer = "still-true";

    public const string NotAnymoreAnswer = "not-anymore";

    public override string Title => "Review";

    public override string Description => "Takeaways you ticked, back for a quick check: still true, or time to read again?";

    /// <summary>Due now, oldest due first, at most <see cref="ReviewSchedule.PerVisit"/>.</summary>
    public IReadOnlyList<ReviewItem> Due { get; private set; } = [];

    /// <summary>All that are due now, beyond this visit's share too.</summary>
    public int DueCount { get; private set; }

    /// <summary>How many takeaways the learner has ticked (and so are scheduled).</summary>
    public int Scheduled { get; private set; }

    /// <summary>When the next takeaway falls due, when none is due now.</summary>
    public TimeSpan? NextIn { get; private set; }

    public string CourseTitle(Tutorial tutorial) => content.Current.FindCourse(tutorial.CourseSlug)?.Title ?? tutorial.CourseSlug;

    public Task OnGetAsync() => LoadAsync(LearnerCookie.Read(HttpContext));

    /// <summary>An answer: a plain form post (back to the review, or to the item's section) or fetch (JSON).</summary>
    public async Task<IActionResult> OnPostAnswerAsync([FromForm] string? course, [FromForm] string? tutorial, [FromForm] string? key, [FromForm] string? answer)
    {
        if (course is null || tutorial is null || key is null || answer is not (StillTrueAnswer or NotAnymoreAnswer))
        {
            return Problem(400, $"Send the item's `course`, `tutorial` and `key`, and `answer={StillTrueAnswer}` or `answer={NotAnymoreAnswer}`.");
        }
        var (snapshot, learner, now) = (content.Current, LearnerCookie.Read(HttpContext), progress.Now);
        if (await ReviewQueue.DueAsync(progress, snapshot, learner, (course, tutorial, key), now, HttpContext.RequestAborted) is not { } item)
        {
            // Answered already (a second tab, a double click), unticked meanwhile, or changed by an edit: the review as it is now.
            return WantsJson ? Problem(409, "This takeaway is not due for review any more. Reload the page.") : SeeOther("/review");
        }
        var stillTrue = answer == StillTrueAnswer;
        var dueAt = await ReviewQueue.AnswerAsync(progress, snapshot, learner!, item, stillTrue, now, HttpContext.RequestAborted);
        var section = $"/{item.Tutorial.CourseSlug}/{item.Tutorial.Slug}#{item.Item.ElementId}";
        // "Not anymore" sends the learner back to the item, unticked.
        return WantsJson ? new JsonResult(new { answer, next = stillTrue ? ReviewQueue.In(dueAt - now) : null, section }) : SeeOther(stillTrue ? "/review" : section);
    }

    private async Task LoadAsync(string? learner)
    {
        var now = progress.Now;
        var scheduled = await ReviewQueue.ScheduledAsync(progress, content.Current, learner, HttpContext.RequestAborted);
        var due = scheduled.Where(r => r.DueAt <= now).ToList();
        (Due, DueCount, Scheduled) = ([.. due.Take(ReviewSchedule.PerVisit)], due.Count, scheduled.Count);
        NextIn = due.Count == 0 && scheduled.Count > 0 ? scheduled[0].DueAt - now : null;
    }
}
