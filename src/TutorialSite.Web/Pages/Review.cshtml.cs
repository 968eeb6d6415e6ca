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
        var snapshot = content.Current;
        var learner = LearnerCookie.Read(HttpContext);
        var now = progress.Now;
        var item = learner is null || ReviewQueue.Takeaway(snapshot, course, tutorial, key) is not (var found, var entry) ? null
            : ReviewQueue.Scheduled(snapshot, await progress.TicksAsync(learner, HttpContext.RequestAborted), await progress.ReviewsAsync(learner, HttpContext.RequestAborted))
                .FirstOrDefault(r => r.Tutorial == found && r.Item == entry && r.DueAt <= now);
        if (item is null)
        {
            // Answered already (a second tab, a double click), unticked meanwhile, or changed by an edit: the review as it is now.
            return WantsJson ? Problem(409, "This takeaway is not due for review any more. Reload the page.") : SeeOther("/review");
        }
        var stillTrue = answer == StillTrueAnswer;
        (int Box, DateTime DueAt) next = stillTrue ? ReviewSchedule.AfterStillTrue(item.Box, now) : (0, now + ReviewSchedule.Intervals[0]);
        await progress.AnswerReviewAsync(learner!, snapshot.TickIds(item.Tutorial), [.. item.Item.AllKeys], stillTrue, next, HttpContext.RequestAborted);
        var section = $"/{item.Tutorial.CourseSlug}/{item.Tutorial.Slug}#{item.Item.ElementId}";
        if (!WantsJson)
        {
            // 303: a reload does not answer again. "Not anymore" sends the learner back to the item, unticked.
            return SeeOther(stillTrue ? "/review" : section);
        }
        return new JsonResult(new { answer, next = stillTrue ? ReviewQueue.In(next.DueAt - now) : null, section });
    }

    private async Task LoadAsync(string? learner)
    {
        var now = progress.Now;
        var scheduled = learner is null ? []
            : ReviewQueue.Scheduled(content.Current, await progress.TicksAsync(learner, HttpContext.RequestAborted), await progress.ReviewsAsync(learner, HttpContext.RequestAborted));
        var due = scheduled.Where(r => r.DueAt <= now).ToList();
        (Due, DueCount, Scheduled) = ([.. due.Take(ReviewSchedule.PerVisit)], due.Count, scheduled.Count);
        NextIn = due.Count == 0 && scheduled.Count > 0 ? scheduled[0].DueAt - now : null;
    }
}
