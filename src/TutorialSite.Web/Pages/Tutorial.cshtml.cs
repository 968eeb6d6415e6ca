using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

/// <remarks>
/// A reader without a learner cookie gets the same page as every other such reader, without antiforgery tokens,
/// served from the anonymous page cache (Serving/). Their first tick fetches a token (<c>?handler=Token</c>) with
/// JavaScript, or, without it, is answered by a confirmation form that carries one. The tick handler checks the
/// token itself (hence <c>IgnoreAntiforgeryToken</c> on the class), so that a missing one can be answered so.
/// </remarks>
[AnonymousPageCache]
[IgnoreAntiforgeryToken]
public sealed class TutorialModel(ContentStore content, ProgressService progress, TickReader tickReader, IAntiforgery antiforgery, IHostEnvironment environment, EditLinks editLinks)
    : SitePageModel
{
    public Course Course { get; private set; } = null!;

    public Tutorial Tutorial { get; private set; } = null!;

    public Tutorial? Previous { get; private set; }

    public Tutorial? Next { get; private set; }

    /// <summary>The learner's ticks, "New" badges and token on this page: the page's holes.</summary>
    public LearnerParts Learner { get; private set; } = null!;

    /// <summary>Problems in this tutorial's file, shown to editors in Development.</summary>
    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];

    public override string Title => Tutorial.Title;

    public override string? Description => Tutorial.Description;

    public override string CanonicalPath => $"/{Tutorial.CourseSlug}/{Tutorial.Slug}";

    public override string OpenGraphType => "article";

    public override IEnumerable<JsonObject> StructuredData => SchemaOrg.ForTutorial(Course, Tutorial, content.Current.Site.Name, BaseUrl);

    /// <summary>Where an editor changes this page's file; null unless <c>Site__RepositoryUrl</c> is set.</summary>
    public string? EditUrl => editLinks.For(content.Current.Root, Tutorial.SourcePath);

    /// <summary>A tick posted without a valid token, to be confirmed by the learner.</summary>
    public TickForm? Confirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync(string course, string tutorial)
    {
        var snapshot = content.Current;
        if (snapshot.FindTutorial(course, tutorial) is not { } found)
        {
            // A renamed or moved tutorial: its old address keeps working, permanently redirected.
            return snapshot.FindByAlias(course, tutorial) is { } moved ? RedirectPermanent($"/{moved.CourseSlug}/{moved.Slug}") : NotFound();
        }
        Show(snapshot, found);
        (Previous, Next) = snapshot.Neighbours(found);
        Problems = environment.IsDevelopment() ? [.. snapshot.Problems.Where(p => p.Path == found.SourcePath)] : [];
        Learner = await LearnerParts.ForAsync(HttpContext, tickReader, snapshot, found);
        return Page();
    }

    /// <summary>Ticks or unticks one item: a plain form post (redirects back to the item) or fetch (JSON).</summary>
    public async Task<IActionResult> OnPostTickAsync(string course, string tutorial, [FromForm] string? key, [FromForm] string? done)
    {
        var snapshot = content.Current;
        var (tick, error) = TickForm.Read(snapshot, course, tutorial, key, done);
        if (tick is null)
        {
            return Problem(error.Status, error.Message);
        }
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return WantsJson ? Problem(400, "Missing or invalid antiforgery token: fetch one from ?handler=Token.") : Confirm(snapshot, tick);
        }
        var learner = await progress.SaveTickAsync(LearnerCookie.Read(HttpContext), snapshot.TickIds(tick.Tutorial), [.. tick.Item.AllKeys], tick.Done, tick.Tutorial.Items(), HttpContext.RequestAborted);
        LearnerCookie.WriteIfNew(HttpContext, learner);
        if (!WantsJson)
        {
            return SeeOther($"/{tick.Tutorial.CourseSlug}/{tick.Tutorial.Slug}#{tick.Item.ElementId}");
        }
        var completion = (await tickReader.TicksAsync(learner.Id, HttpContext.RequestAborted)).For(snapshot, tick.Tutorial);
        return new JsonResult(new { key = tick.Item.Key, done = tick.Done, progress = new { completion.Done, completion.Total } });
    }

    /// <summary>
    /// A fresh antiforgery token (and its cookie) for the site's script, fetched before an anonymous reader's first
    /// tick. Never cached; a cross-site page cannot read it (same-origin policy, no CORS).
    /// </summary>
    public JsonResult OnGetToken()
    {
        var tokens = antiforgery.GetAndStoreTokens(HttpContext);
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new { token = tokens.RequestToken });
    }

    private void Show(ContentSnapshot snapshot, Tutorial found) => (Course, Tutorial) = (snapshot.FindCourse(found.CourseSlug)!, found);

    /// <summary>
    /// A form posted without a valid token (a reader without JavaScript ticking on a shared page, or a forged
    /// request): 400, with a form that carries a real token and asks the learner to confirm. Nothing is stored
    /// until they do.
    /// </summary>
    private ViewResult Confirm(ContentSnapshot snapshot, TickForm tick)
    {
        Show(snapshot, tick.Tutorial);
        Confirmation = tick;
        return new ViewResult
        {
            ViewName = "/Pages/Shared/_ConfirmTick.cshtml",
            ViewData = new ViewDataDictionary<TutorialModel>(ViewData, this),
            StatusCode = StatusCodes.Status400BadRequest,
        };
    }
}
