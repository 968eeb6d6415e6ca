using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

/// <summary>
/// The anonymous learner's id (<see cref="LearnerId"/>), carried in an HttpOnly cookie and set only on their first
/// write. Read and written here, at the web edge, by the pages and endpoints; Progress knows learners only by id.
/// </summary>
public static class LearnerCookie
{
    /// <summary>Over HTTPS the cookie is <c>__Host-</c> prefixed: the browser then refuses it from any subdomain or plain HTTP.</summary>
    public static string Name(HttpContext context) => context.Request.IsHttps ? "__Host-learner" : "learner";

    /// <summary>The id in the request's cookie, if it is well-formed; anything else counts as no learner.</summary>
    /// <remarks>
    /// A request without cookies (most readers' first visit, crawlers) is answered without parsing any. Read on every
    /// learner's page view (Serving/): no allocation beyond the framework's own cookie parsing.
    /// </remarks>
    public static string? Read(HttpContext context) =>
        context.Request.Headers.Cookie.Count > 0
        && context.Request.Cookies[Name(context)] is { } id && LearnerId.IsWellFormed(id) ? id : null;

    public static void Write(HttpContext context, string id) =>
        context.Response.Cookies.Append(Name(context), id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            Path = "/",
            MaxAge = TimeSpan.FromDays(400), // the longest browsers keep a cookie
        });

    /// <summary>Gives the browser the id of a learner a write has just created (after its commit); a known learner already has it.</summary>
    public static void WriteIfNew(HttpContext context, SavedLearner learner)
    {
        if (learner.IsNew)
        {
            Write(context, learner.Id);
        }
    }
}
