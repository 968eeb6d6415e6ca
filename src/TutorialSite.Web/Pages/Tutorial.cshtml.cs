using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Html;
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
public sealed class TutorialModel(ContentStore content, ProgressService progress, IAntiforgery antiforgery, IHostEnvironment environment, EditLinks editLinks)
    : SitePageModel
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

    public override string CanonicalPath => $"/{Tutorial.CourseSlug}/{Tutorial.Slug}";

    public override string OpenGraphType => "article";

    public override IEnumerable<JsonObject> StructuredData => SchemaOrg.ForTutorial(Course, Tutorial, content.Current.Site.Name, BaseUrl);

    /// <summary>Where an editor changes this page's file; null unless <c>Site__RepositoryUrl</c> is set.</summary>
    public string? EditUrl => editLinks.For(content.Current.Root, Tutorial.SourcePath);

    /// <summary>Learners' pages carry tokens in their forms; anonymous pages are shared and carry none.</summary>
    public bool WithTokens { get; private set; }

    /// <summary>A tick posted without a valid token, to be confirmed by the learner.</summary>
    public (ChecklistEntry Item, bool Done)? Confirmation { get; private set; }

    /// <summary>Rendering the learners' template for this page: the learner's parts are holes.</summary>
    public bool Holes { get; private set; }

    /// <summary>How many items are ticked, or its hole in the learners' template.</summary>
    public IHtmlContent DoneCount => Holes ? TemplateHoles.Hole(TemplateHoles.Done) : new HtmlString(Completion.Done.ToString(CultureInfo.InvariantCulture));

    /// <summary>A tutorial's done/total (a check when complete) in the course outline, or its hole in the learners' template.</summary>
    public IHtmlContent OutlineMark(Tutorial tutorial, int index) =>
        Holes ? TemplateHoles.Hole(TemplateHoles.Outline, index.ToString(CultureInfo.InvariantCulture))
            : TemplateHoles.OutlineMark(Ticks.For(content.Current, tutorial));

    /// <summary>The completion panel's <c>hidden</c> attribute until every item is ticked, or its hole.</summary>
    public IHtmlContent CompletionHidden =>
        Holes ? TemplateHoles.Hole(TemplateHoles.Hidden) : Completion.IsComplete ? HtmlString.Empty : TemplateHoles.HiddenAttribute;

    public ChecklistView Checklist(RenderedSection section) => new(Tutorial, section, Ticks, TickIds, NewKeys, WithTokens, Holes);

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
        WithTokens = learner is not null;
        Problems = environment.IsDevelopment() ? [.. snapshot.Problems.Where(p => p.Path == found.SourcePath)] : [];
        if (TemplateHoles.IsRendering(HttpContext, found))
        {
            Holes = true;
            return Page();
        }
        (Ticks, NewKeys) = await progress.TutorialStateAsync(learner, found.CourseSlug, found.Slug, found.Items(), HttpContext.RequestAborted);
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
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return WantsJson ? Problem(400, "Missing or invalid antiforgery token: fetch one from ?handler=Token.") : Confirm(snapshot, found, item, ticked);
        }
        var learner = await progress.SaveTickAsync(LearnerCookie.Read(HttpContext), snapshot.TickIds(found), [.. item.AllKeys], ticked, found.Items(), HttpContext.RequestAborted);
        LearnerCookie.WriteIfNew(HttpContext, learner);

        if (!WantsJson)
        {
            // 303: the browser follows with a GET, so a reload does not post again.
            Response.Headers.Location = $"/{found.CourseSlug}/{found.Slug}#{item.ElementId}";
            return StatusCode(StatusCodes.Status303SeeOther);
        }
        var completion = (await progress.TicksAsync(learner.Id, HttpContext.RequestAborted)).For(snapshot, found);
        return new JsonResult(new { key = item.Key, done = ticked, progress = new { completion.Done, completion.Total } });
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

    /// <summary>
    /// A form posted without a valid token (a reader without JavaScript ticking on a shared page, or a forged
    /// request): 400, with a form that carries a real token and asks the learner to confirm. Nothing is stored
    /// until they do.
    /// </summary>
    private ViewResult Confirm(ContentSnapshot snapshot, Tutorial found, ChecklistEntry item, bool done)
    {
        (Course, Tutorial, Confirmation) = (snapshot.FindCourse(found.CourseSlug)!, found, (item, done));
        return new ViewResult
        {
            ViewName = "/Pages/Shared/_ConfirmTick.cshtml",
            ViewData = new ViewDataDictionary<TutorialModel>(ViewData, this),
            StatusCode = StatusCodes.Status400BadRequest,
        };
    }

    private bool WantsJson => Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    private ContentResult Problem(int status, string message) =>
        WantsJson
            ? new ContentResult { StatusCode = status, ContentType = "application/json", Content = System.Text.Json.JsonSerializer.Serialize(new { error = message }) }
            : new ContentResult { StatusCode = status, ContentType = "text/plain; charset=utf-8", Content = message };
}
