using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using TutorialSite.Web.Content;

namespace TutorialSite.Web.Pages;

/// <summary>Error pages in the site's layout; status-code pages re-execute here, keeping the original code.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel(ContentStore content) : SitePageModel
{
    /// <summary>For a 404 under a course's address (a tutorial that moved or never was): that course, a way on.</summary>
    public Course? NearCourse { get; private set; }

    public int Code { get; private set; }

    public override string Title => Code switch
    {
        404 => "Page not found",
        400 => "Bad request",
        _ when Code >= 500 => "Something went wrong",
        _ => "Request not handled",
    };

    public override string Description => Message;

    public string Message => Code switch
    {
        404 => "There is no page at this address. The tutorial may have moved or been renamed: search for it, or pick it from a course.",
        400 => "The request could not be understood. If you were saving progress, reload the page and try again.",
        _ when Code >= 500 => "The site hit an unexpected problem. Nothing you saved was lost; please try again.",
        _ => "The request could not be handled.",
    };

    // The code comes from the route only: a re-executed POST may carry a body that cannot be read.
    public void OnGet([FromRoute] int code) => Respond(code);

    // Re-executed errors keep the original request's method, so a failed POST lands here too.
    public void OnPost([FromRoute] int code) => Respond(code);

    private void Respond(int code)
    {
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? "";
        var first = original.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        NearCourse = Code == 404 && first is not null ? content.Current.FindCourse(first) ?? content.Current.FindCourseByAlias(first) : null;
    }
}
