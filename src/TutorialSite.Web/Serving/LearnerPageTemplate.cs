using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TutorialSite.Web.Content;
using TutorialSite.Web.Pages;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Serving;

/// <summary>
/// A learner's tutorial page without Razor on every request: Razor renders the page once per content snapshot with
/// holes where the learner's parts go (a checkbox's <c>checked</c>, a "New" badge, the number done, the antiforgery
/// token), and each request fills them in after reading the learner's ticks. The filled page is the same bytes
/// Razor would write for that learner (tested); Razor still renders any page that cannot be templated.
/// </summary>
public sealed class LearnerPageTemplate
{
    private const char Token = TemplateHoles.Token, Checked = TemplateHoles.Checked, New = TemplateHoles.New, Done = TemplateHoles.Done,
        Outline = TemplateHoles.Outline, Hidden = TemplateHoles.Hidden, Mark = TemplateHoles.Mark;

    private static readonly byte[] CheckedBytes = Encoding.UTF8.GetBytes(LearnerHtml.Checked.Value!);
    private static readonly byte[] NewBytes = Encoding.UTF8.GetBytes(LearnerHtml.NewBadge.Value!);
    private static readonly byte[] HiddenBytes = Encoding.UTF8.GetBytes(LearnerHtml.Hidden.Value!);

    private readonly byte[][] literals;
    /// <summary>Each hole's kind and, for a checkbox or a badge, its item's index in the tutorial (else -1).</summary>
    private readonly (char Kind, int Item)[] holes;
    /// <summary>Per item, every identity a tick on it may have in this snapshot: the tutorial's ids × the item's keys.</summary>
    private readonly (string Course, string Tutorial, string Key)[][] identities;
    /// <summary>The same for each tutorial of the course, for the outline's marks: [tutorial][item][identity].</summary>
    private readonly (string Course, string Tutorial, string Key)[][][] outline;

    private LearnerPageTemplate(Tutorial tutorial, byte[][] literals, (char, int)[] holes, (string, string, string)[][] identities,
        (string, string, string)[][][] outline) =>
        (Tutorial, this.literals, this.holes, this.identities, this.outline) = (tutorial, literals, holes, identities, outline);

    public Tutorial Tutorial { get; }

    /// <summary>The bytes kept, for the cache's budget.</summary>
    public long Size => literals.Sum(l => (long)l.Length) + holes.Length * 16 + identities.Sum(i => i.Length * 24L)
        + outline.Sum(t => t.Sum(i => i.Length * 24L));

    /// <summary>The middleware: learners' GETs of <see cref="AnonymousPageCacheAttribute"/> pages are filled from templates.</summary>
    public static IApplicationBuilder Use(IApplicationBuilder app)
    {
        var content = app.ApplicationServices.GetRequiredService<ContentStore>();
        var antiforgery = app.ApplicationServices.GetRequiredService<IAntiforgery>();
        var tickReader = app.ApplicationServices.GetRequiredService<TickReader>();
        var antiforgeryCookie = app.ApplicationServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name!;
        // Enough for the browsers active on one instance; about 1 kB an entry, so a flood of fresh cookies costs at most
        // some 10 MB. When full, a token is simply issued afresh. One per app: each app has its own keys.
        var issuedTokens = new MemoryCache(new MemoryCacheOptions { SizeLimit = 10_000 });
        // Null for a page that cannot be templated: Razor renders it every time.
        var cache = new PerSnapshot<LearnerPageTemplate?>(PageCacheBudget.Half(app.ApplicationServices),
            template => template?.Size ?? 0, app.ApplicationServices.GetRequiredService<MemoryReturn>().Soon);
        app.ApplicationServices.GetRequiredService<PageMetrics>().ObservePageCache("learner", () => cache.Hits, () => cache.Misses);
        return app.Use(async (context, next) =>
        {
            var snapshot = content.Current;
            if (!HttpMethods.IsGet(context.Request.Method) || context.Request.QueryString.HasValue
                || context.GetEndpoint()?.Metadata.GetMetadata<AnonymousPageCacheAttribute>() is null
                || LearnerCookie.Read(context) is not { } learner
                || cache.For(snapshot, context.Request) is not { } templates)
            {
                await next(context);
                return;
            }
            var path = context.Request.Path.Value ?? "/";
            if (!templates.TryGetValue(path, out var template))
            {
                // Rendered on a learner's request; if the answer is not a page (a 404, a redirect), it is sent as is.
                var (html, rendered) = await RenderAsync(context, next);
                if (rendered is null || html is null)
                {
                    return;
                }
                template = Parse(html, rendered, snapshot);
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
            // What the tutorial page reads for a learner (LearnerParts.ForAsync): their ticks and the items new to them.
            var (ticks, newKeys) = await tickReader.TutorialStateAsync(
                learner, template.Tutorial.CourseSlug, template.Tutorial.Slug, template.Tutorial.Items(), context.RequestAborted);
            var token = RequestToken(context, antiforgery, antiforgeryCookie, issuedTokens);
            await template.WriteAsync(context, ticks, newKeys, $"<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"{token}\" />");
        });
    }

    /// <summary>
    /// The antiforgery token for the learner's forms. A browser that brings a valid antiforgery cookie gets the token
    /// issued for that cookie before: a token stays valid as long as its cookie does, so handing the same one out again
    /// grants nothing new, and it spares the two data-protection operations (decrypting the cookie, encrypting a new
    /// token) that were a third of a learner page's cost. Keyed by the cookie's value; bounded, forgotten after 20
    /// minutes without use and after an hour in any case (so a cookie that stops being valid without a restart, say
    /// after a key is revoked, is soon checked and replaced again). Validation of posted tokens is untouched.
    /// </summary>
    private static string RequestToken(HttpContext context, IAntiforgery antiforgery, string cookieName, MemoryCache issuedTokens)
    {
        // Tokens are bound to the signed-in user too; the site has no sign-in, but never share one across users if it gets one.
        var cookie = context.User.Identity?.IsAuthenticated == true ? null : context.Request.Cookies[cookieName];
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

    /// <summary>Runs the page in template mode into a buffer; the HTML when it rendered a tutorial, else the response is sent.</summary>
    private static async Task<(byte[]? Html, Tutorial? Tutorial)> RenderAsync(HttpContext context, RequestDelegate next)
    {
        var rendering = new TemplateHoles();
        context.Features.Set<ILearnerPartsFeature>(rendering);
        byte[] html;
        try
        {
            html = await AnonymousPageCache.CaptureAsync(context, next);
        }
        finally
        {
            context.Features.Set<ILearnerPartsFeature>(null);
        }
        if (rendering.Tutorial is { } tutorial && context.Response.StatusCode == StatusCodes.Status200OK)
        {
            // The learner's own page is written from the template instead.
            context.Response.Headers.ContentLength = null;
            return (html, tutorial);
        }
        await AnonymousPageCache.SendAsync(context, html);
        return (null, null);
    }

    /// <summary>The template, or null when the HTML holds a mark that is not one of ours (content can contain anything).</summary>
    private static LearnerPageTemplate? Parse(byte[] html, Tutorial tutorial, ContentSnapshot snapshot)
    {
        var parts = Encoding.UTF8.GetString(html).Split(Mark);
        if (parts.Length % 2 == 0)
        {
            return null;
        }
        var course = snapshot.FindCourse(tutorial.CourseSlug)?.Tutorials ?? [];
        var items = tutorial.ChecklistItems.Select((item, index) => (item.Key, index)).ToDictionary(i => i.Key, i => i.index, StringComparer.Ordinal);
        var holes = new (char, int)[parts.Length / 2];
        for (var i = 1; i < parts.Length; i += 2)
        {
            var hole = parts[i];
            if (hole is [Token] or [Done] or [Hidden])
            {
                holes[i / 2] = (hole[0], -1);
            }
            else if (hole is [Outline, ..] && int.TryParse(hole.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < course.Count)
            {
                holes[i / 2] = (Outline, index);
            }
            else if (hole is [Checked or New, ..] && items.TryGetValue(hole[1..], out var item))
            {
                holes[i / 2] = (hole[0], item);
            }
            else
            {
                return null;
            }
        }
        return new(tutorial, [.. parts.Where((_, i) => i % 2 == 0).Select(Encoding.UTF8.GetBytes)], holes, Identities(snapshot, tutorial),
            [.. course.Select(t => Identities(snapshot, t))]);
    }

    private static (string, string, string)[][] Identities(ContentSnapshot snapshot, Tutorial tutorial)
    {
        var ids = snapshot.TickIds(tutorial);
        return [.. tutorial.ChecklistItems.Select(item => ids.TickIdentities(item).ToArray())];
    }

    private async Task WriteAsync(HttpContext context, LearnerTicks ticks, IReadOnlySet<string> newKeys, string tokenField)
    {
        // What ProgressExtensions.For counts and the page's checkboxes show: an item is ticked under any identity it has had.
        var ticked = new bool[identities.Length];
        var count = Count(identities, ticks, ticked);
        var token = Encoding.UTF8.GetBytes(tokenField);
        var done = Encoding.UTF8.GetBytes(count.ToString(CultureInfo.InvariantCulture));
        var pieces = new ReadOnlyMemory<byte>[literals.Length + holes.Length];
        var length = 0L;
        for (var i = 0; i < pieces.Length; i++)
        {
            pieces[i] = i % 2 == 0 ? literals[i / 2] : holes[i / 2] switch
            {
                (Token, _) => token,
                (Done, _) => done,
                (Hidden, _) => count == identities.Length && count > 0 ? default : HiddenBytes,
                (Outline, var index) => OutlineMarkBytes(new(Count(outline[index], ticks, null), outline[index].Length)),
                (Checked, var item and >= 0) => ticked[item] ? CheckedBytes : default,
                (New, var item and >= 0) => newKeys.Contains(Tutorial.ChecklistItems[item].Key) ? NewBytes : default,
                _ => default,
            };
            length += pieces[i].Length;
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = length;
        // Headers first: pieces written before the response has started are kept aside and copied again behind them.
        await response.StartAsync(context.RequestAborted);
        foreach (var piece in pieces)
        {
            response.BodyWriter.Write(piece.Span);
        }
        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>The outline mark's bytes, made once per (done, total): a page asks for one per tutorial of its course.</summary>
    private static byte[] OutlineMarkBytes(Completion completion) =>
        OutlineMarks.GetOrAdd(completion, static c => Encoding.UTF8.GetBytes(LearnerHtml.OutlineMark(c).Value!));

    /// <summary>Bounded by the content: one entry per (done, total) pair some tutorial can have.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Completion, byte[]> OutlineMarks = new();

    /// <summary>How many items are ticked under any of their identities; each item's answer in <paramref name="ticked"/> if given.</summary>
    private static int Count((string, string, string)[][] items, LearnerTicks ticks, bool[]? ticked)
    {
        var count = 0;
        for (var i = 0; i < items.Length && !ticks.IsEmpty; i++)
        {
            var isTicked = ticks.IsAnyTicked(items[i]);
            if (ticked is not null)
            {
                ticked[i] = isTicked;
            }
            count += isTicked ? 1 : 0;
        }
        return count;
    }
}

public static class LearnerPageTemplateExtensions
{
    /// <summary>Learners' tutorial pages filled from per-snapshot templates instead of rendered by Razor.</summary>
    public static IApplicationBuilder UseLearnerPageTemplates(this IApplicationBuilder app) => LearnerPageTemplate.Use(app);
}
