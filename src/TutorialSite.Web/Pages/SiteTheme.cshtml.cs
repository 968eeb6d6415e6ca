using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TutorialSite.Web.Content;

namespace TutorialSite.Web.Pages;

/// <summary>
/// The operator's accent colour (site.yml) as a stylesheet: a file of its own because the CSP allows no inline
/// style. The layout links it with a version of its content, so it can be cached for good.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class SiteThemeModel(ContentStore content) : PageModel
{
    public IActionResult OnGet()
    {
        if (content.Current.Site.ThemeCss() is not { } css)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache";
        return Content(css, "text/css; charset=utf-8");
    }

    /// <summary>The link's version: changes whenever the stylesheet does.</summary>
    public static string Version(string css) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(css)))[..12].ToLowerInvariant();
}
