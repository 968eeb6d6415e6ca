using Microsoft.AspNetCore.Mvc;

namespace TutorialSite.Web.Pages;

/// <summary>Error pages in the site's layout; status-code pages re-execute here, keeping the original code.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : SitePageModel
{
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
        404 => "There is no page at this address. The tutorial may have moved; the course list has everything.",
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
    }
}
