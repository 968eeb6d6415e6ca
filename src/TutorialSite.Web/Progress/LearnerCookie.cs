using System.Buffers.Text;
using System.Security.Cryptography;

namespace TutorialSite.Web.Progress;

/// <summary>The anonymous learner's id, carried in an HttpOnly cookie and set only on their first tick.</summary>
public static class LearnerCookie
{
    /// <summary>Over HTTPS the cookie is <c>__Host-</c> prefixed: the browser then refuses it from any subdomain or plain HTTP.</summary>
    public static string Name(HttpContext context) => context.Request.IsHttps ? "__Host-learner" : "learner";

    /// <summary>32 random bytes in base64url: unguessable, and safe in a cookie and a URL.</summary>
    public const int IdLength = 43;

    public static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The id in the request's cookie, if it is well-formed; anything else counts as no learner.</summary>
    /// <remarks>A request without cookies (most readers' first visit, crawlers) is answered without parsing any.</remarks>
    public static string? Read(HttpContext context) =>
        context.Request.Headers.Cookie.Count > 0
        && context.Request.Cookies[Name(context)] is { Length: IdLength } id && Base64Url.IsValid(id) ? id : null;

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
}
