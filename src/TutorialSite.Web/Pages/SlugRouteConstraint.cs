using TutorialSite.Web.Content;

namespace TutorialSite.Web.Pages;

/// <summary>Matches a route value only when it is a page segment (<see cref="ContentAddress.IsPageSegment"/>).</summary>
public sealed class SlugRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string segment && ContentAddress.IsPageSegment(segment);
}
