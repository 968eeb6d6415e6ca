using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TutorialSite.Web.Content;
using TutorialSite.Web.Pages;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Serving;

/// <summary>
/// Learners' tutorial pages filled in from per-snapshot templates (<see cref="LearnerPageTemplate"/>) instead of
/// rendered by Razor. Two stages (<see cref="PageCaches"/>): <see cref="ServeAsync"/> fills a template kept for the
/// path before routing, <see cref="FillAsync"/> renders and keeps one for a page routed to an endpoint marked
/// <see cref="AnonymousPageCacheAttribute"/>.
/// </summary>
public sealed class LearnerPageTemplates : IDisposable
{
    private readonly ContentStore content;
    private readonly IAntiforgery antiforgery;
    private readonly TickReader tickReader;
    private readonly string antiforgeryCookie;
    /// <summary>
    /// Enough for the browsers active on one instance; about 1 kB an entry, so a flood of fresh cookies costs at most
    /// some 10 MB. When full, a token is simply issued afresh. One per app: each app has its own keys.
    /// </summary>
    private readonly MemoryCache issuedTokens = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    /// <summary>Null for a page that cannot be templated: Razor renders it every time.</summary>
    private readonly PerSnapshot<LearnerPageTemplate?> cache;

    public LearnerPageTemplates(IServiceProvider services)
    {
        content = services.GetRequiredService<ContentStore>();
        antiforgery = services.GetRequiredService<IAntiforgery>();
        tickReader = services.GetRequiredService<TickReader>();
        antiforgeryCookie = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name!;
        cache = new(PageCacheBudget.Half(services), template => template?.Size ?? 0, services.GetRequiredService<MemoryReturn>().Soon);
        services.GetRequiredService<PageMetrics>().ObservePageCache("learner", () => cache.Hits, () => cache.Misses);
    }

    /// <summary>Before routing: a learner's page whose template is kept is filled in. Only a page routed to a marked endpoint is ever kept.</summary>
    public Task ServeAsync(HttpContext context, RequestDelegate next) =>
        KeptFor(context.Request, content.Current) is ({ } templates, { } learner)
        && templates.TryGetKept(context.Request.Path.Value ?? "/", out var template)
            ? FillInAsync(context, template, learner)
            : next(context);

    /// <summary>After routing: a marked page without a template is rendered into one, kept and filled in.</summary>
    public async Task FillAsync(HttpContext context, RequestDelegate next)
    {
        var snapshot = content.Current;
        if (context.GetEndpoint()?.Metadata.GetMetadata<AnonymousPageCacheAttribute>() is null
            || KeptFor(context.Request, snapshot) is not ({ } templates, { } learner))
        {
            await next(context);
            return;
        }
        var path = context.Request.Path.Value ?? "/";
        if (!templates.TryGetValue(path, out var template))
        {
            // Rendered on a learner's request; if the answer is not a page (a 404, a redirect), it is sent as is.
            var (html, rendered) = await LearnerPageTemplate.RenderAsync(context, next);
            if (rendered is null || html is null)
            {
                return;
            }
            template = LearnerPageTemplate.Parse(html, rendered, context.GetEndpoint(), snapshot);
            if (ReferenceEquals(snapshot, content.Current))
            {
                template = templates.GetOrAdd(path, template);
            }
            if (template is null)
            {
                context.Response.Clear();
                await next(context);
                return;
            }
        }
        else if (template is null)
        {
            await next(context);
            return;
        }
        await FillInAsync(context, template, learner);
    }

    /// <summary>The templates for a request they may answer: a learner's GET without a query string.</summary>
    private (PerSnapshot<LearnerPageTemplate?>.Pages? Templates, string? Learner) KeptFor(HttpRequest request, ContentSnapshot snapshot) =>
        HttpMethods.IsGet(request.Method) && !request.QueryString.HasValue && LearnerCookie.Read(request.HttpContext) is { } learner
            ? (cache.For(snapshot, request), learner)
            : (null, default);

    private async Task FillInAsync(HttpContext context, LearnerPageTemplate template, string learner)
    {
        // A request answered before routing is counted as routed to the page (metrics name its route).
        context.SetEndpoint(template.Endpoint);
        // What the tutorial page reads for a learner (LearnerParts.ForAsync): their ticks and the items new to them.
        var (ticks, newKeys) = await tickReader.TutorialStateAsync(
            learner, template.Tutorial.CourseSlug, template.Tutorial.Slug, template.Tutorial.Items(), context.RequestAborted);
        var token = RequestToken(context);
        await template.WriteAsync(context, ticks, newKeys, $"<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"{token}\" />");
    }

    /// <summary>
    /// The antiforgery token for the learner's forms. A browser that brings a valid antiforgery cookie gets the token
    /// issued for that cookie before: a token stays valid as long as its cookie does, so handing the same one out again
    /// grants nothing new, and it spares the two data-protection operations (decrypting the cookie, encrypting a new
    /// token) that were a third of a learner page's cost. Keyed by the cookie's value; bounded, forgotten after 20
    /// minutes without use and after an hour in any case (so a cookie that stops being valid without a restart, say
    /// after a key is revoked, is soon checked and replaced again). Validation of posted tokens is untouched.
    /// </summary>
    private string RequestToken(HttpContext context)
    {
        // Tokens are bound to the signed-in user too; the site has no sign-in, but never share one across users if it gets one.
        var cookie = context.User.Identity?.IsAuthenticated == true ? null : context.Request.Cookies[antiforgeryCookie];
        if (cookie is not null && issuedTokens.TryGetValue(cookie, out string? issued))
        {
            // The headers GetAndStoreTokens writes: a page carrying a token is never cached.
            context.Response.Headers.CacheControl = "no-cache, no-store";
            context.Response.Headers.Pragma = "no-cache";
            return issued!;
        }
        var tokens = antiforgery.GetAndStoreTokens(context);
        // No new cookie token: the request's cookie was valid and is kept.
        if (cookie is not null && tokens.CookieToken is null)
        {
            issuedTokens.Set(cookie, tokens.RequestToken, new MemoryCacheEntryOptions
            {
                Size = 1,
                SlidingExpiration = TimeSpan.FromMinutes(20),
                AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1),
            });
        }
        return tokens.RequestToken!;
    }

    public void Dispose() => issuedTokens.Dispose();
}
