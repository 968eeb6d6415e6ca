using TutorialSite.Web.Content;

namespace TutorialSite.Web.Pages;

public static class PagesServiceCollectionExtensions
{
    /// <summary>Razor Pages, the route constraint their content addresses use, and the pages' meter.</summary>
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddRazorPages();
        // Course and tutorial routes take only page segments: any other address is a file beside the Markdown.
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<SlugRouteConstraint>(ContentAddress.SlugConstraint));
        services.AddSingleton<PageMetrics>();
        return services;
    }
}
