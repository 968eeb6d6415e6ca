using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TutorialSite.Web.Pages;

/// <summary>What the layout needs from every page: its title and description, strongly typed.</summary>
public abstract class SitePageModel : PageModel
{
    public abstract string Title { get; }

    public virtual string? Description => null;
}
