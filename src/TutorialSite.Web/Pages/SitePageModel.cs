using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TutorialSite.Web.Pages;

/// <summary>What the layout needs from every page: its title, description and address, strongly typed.</summary>
public abstract class SitePageModel : PageModel
{
    /// <summary>The language of every page (the layout's <c>lang</c>).</summary>
    public const string Language = "en";

    public abstract string Title { get; }

    public virtual string? Description => null;

    /// <summary>The page's one address (content slugs, whatever casing was asked for); null where there is none.</summary>
    public virtual string? CanonicalPath => null;

    /// <summary>Personal and error pages ask search engines not to index them.</summary>
    public virtual bool Indexable => CanonicalPath is not null;

    /// <summary>Open Graph type for link previews.</summary>
    public virtual string OpenGraphType => "website";

    /// <summary>JSON-LD items the layout writes into the head, one script element each (<see cref="SchemaOrg"/>).</summary>
    public virtual IEnumerable<JsonObject> StructuredData => [];

    /// <summary>The scheme and host this request came to, as the sitemap and the feed take them.</summary>
    public string BaseUrl => ContentFeedEndpoints.BaseUrl(HttpContext);

    /// <summary>Absolute, as canonical links and link previews need.</summary>
    public string? CanonicalUrl => CanonicalPath is { } path ? BaseUrl + path : null;

    /// <summary>Whether the request came from the site's script (fetch asks for JSON) rather than a plain form.</summary>
    protected bool WantsJson => Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>A clear answer to a bad post, as JSON for the script or plain text for a form.</summary>
    protected ContentResult Problem(int status, string message) =>
        WantsJson
            ? new ContentResult { StatusCode = status, ContentType = "application/json", Content = JsonSerializer.Serialize(new { error = message }) }
            : new ContentResult { StatusCode = status, ContentType = "text/plain; charset=utf-8", Content = message };

    /// <summary>303 after a form post: the browser follows with a GET, so a reload does not post again.</summary>
    protected StatusCodeResult SeeOther(string location)
    {
        Response.Headers.Location = location;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
