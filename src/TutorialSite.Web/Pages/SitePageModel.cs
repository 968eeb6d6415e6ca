using System.Text.Json.Nodes;
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
}
