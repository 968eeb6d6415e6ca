using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TutorialSite.Web.Pages;

/// <summary>What the layout needs from every page: its title, description and address, strongly typed.</summary>
public abstract class SitePageModel : PageModel
{
    public abstract string Title { get; }

    public virtual string? Description => null;

    /// <summary>The page's one address (content slugs, whatever casing was asked for); null where there is none.</summary>
    public virtual string? CanonicalPath => null;

    /// <summary>Personal and error pages ask search engines not to index them.</summary>
    public virtual bool Indexable => CanonicalPath is not null;

    /// <summary>Open Graph type for link previews.</summary>
    public virtual string OpenGraphType => "website";

    /// <summary>Absolute, as canonical links and link previews need: the scheme and host this request came to.</summary>
    public string? CanonicalUrl => CanonicalPath is { } path ? $"{Request.Scheme}://{Request.Host}{Request.PathBase}{path}" : null;
}
