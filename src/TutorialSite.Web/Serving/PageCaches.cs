namespace TutorialSite.Web.Serving;

public static class PageCaches
{
    /// <summary>
    /// Both page caches around routing: what they keep is answered before it (a hit needs no endpoint, and only a page
    /// routed to an endpoint marked <see cref="Pages.AnonymousPageCacheAttribute"/> is ever kept), what they miss is
    /// routed and, when it reaches a marked page, rendered and kept after it. Routing was about 4 % of a cached page's
    /// cost (docs/benchmarks.md, "Cached pages before routing").
    /// </summary>
    public static WebApplication UsePageCaches(this WebApplication app)
    {
        var anonymous = new AnonymousPageCache(app.Services);
        var learners = new LearnerPageTemplates(app.Services);
        app.Lifetime.ApplicationStopped.Register(learners.Dispose);
        app.Use(anonymous.ServeAsync);
        app.Use(learners.ServeAsync);
        app.UseRouting();
        app.Use(anonymous.FillAsync);
        app.Use(learners.FillAsync);
        return app;
    }
}
