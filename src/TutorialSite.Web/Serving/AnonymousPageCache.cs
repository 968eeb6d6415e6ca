using System.IO.Compression;
using System.Security.Cryptography;
using TutorialSite.Web.Content;
using TutorialSite.Web.Pages;

namespace TutorialSite.Web.Serving;

// The design of both page caches, and why they are safe: README.md in this folder.

/// <summary>
/// Anonymous readers' pages, rendered by Razor once per content snapshot and kept with their Brotli and gzip
/// forms and an ETag: a reader costs about what a static file costs. A new snapshot starts an empty cache, so an
/// edit shows at once. Never used for a request with a learner cookie, a query string, or a response that sets a
/// cookie (an antiforgery token would): nothing personal is ever shared. Two stages (<see cref="PageCaches"/>):
/// <see cref="ServeAsync"/> answers what is kept before routing, <see cref="FillAsync"/> keeps what routing led to a
/// page marked <see cref="AnonymousPageCacheAttribute"/>.
/// </summary>
public sealed class AnonymousPageCache
{
    private readonly ContentStore content;
    private readonly PerSnapshot<CachedPage> cache;

    public AnonymousPageCache(IServiceProvider services)
    {
        content = services.GetRequiredService<ContentStore>();
        cache = new(PageCacheBudget.Half(services), page => page.Size, services.GetRequiredService<MemoryReturn>().Soon);
        services.GetRequiredService<PageMetrics>().ObservePageCache("anonymous", () => cache.Hits, () => cache.Misses);
    }

    /// <summary>Before routing: a page kept for this path is sent. Only a page routed to a marked endpoint is ever kept.</summary>
    public Task ServeAsync(HttpContext context, RequestDelegate next) =>
        KeptFor(context.Request) is { } pages && pages.TryGetKept(context.Request.Path.Value ?? "/", out var page)
            ? page.ServeAsync(context)
            : next(context);

    /// <summary>After routing: a marked page that was not kept is rendered by Razor into a buffer, kept and sent.</summary>
    public async Task FillAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var snapshot = content.Current;
        if (context.GetEndpoint()?.Metadata.GetMetadata<AnonymousPageCacheAttribute>() is null || KeptFor(request, snapshot) is not { } pages)
        {
            await next(context);
            return;
        }
        var path = request.Path.Value ?? "/";
        if (pages.TryGetValue(path, out var page))
        {
            await page!.WriteAsync(context);
            return;
        }
        // A miss: Razor renders into a buffer; a plain 200 rendered from this same snapshot is kept.
        var html = await CaptureAsync(context, next);
        if (context.Response.StatusCode == StatusCodes.Status200OK && HttpMethods.IsGet(request.Method)
            && !context.Response.Headers.ContainsKey("Set-Cookie") && ReferenceEquals(snapshot, content.Current))
        {
            page = pages.GetOrAdd(path, CachedPage.Create(html, context.GetEndpoint()));
            await page.WriteAsync(context);
            return;
        }
        await SendAsync(context, html);
    }

    /// <summary>The pages for a request the cache may answer: a GET or HEAD without a query string or a learner cookie.</summary>
    private PerSnapshot<CachedPage>.Pages? KeptFor(HttpRequest request, ContentSnapshot? snapshot = null) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !request.QueryString.HasValue
        && LearnerCookie.Read(request.HttpContext) is null
            ? cache.For(snapshot ?? content.Current, request)
            : null;

    /// <summary>
    /// Runs the rest of the pipeline with the response body in memory and returns what it wrote: to keep, or to send
    /// on as it is. Headers and status are set on the response as usual.
    /// </summary>
    public static async Task<byte[]> CaptureAsync(HttpContext context, RequestDelegate next)
    {
        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Sends what <see cref="CaptureAsync"/> returned, as it is. Nothing is written for an empty body: the response
    /// has not started then, so the status-code pages can still answer a 404.
    /// </summary>
    public static async Task SendAsync(HttpContext context, byte[] captured)
    {
        if (captured.Length > 0)
        {
            await context.Response.Body.WriteAsync(captured, context.RequestAborted);
        }
    }
}

/// <summary>One page's bytes, compressed once, with an ETag per representation.</summary>
public sealed class CachedPage
{
    /// <summary>
    /// Brotli's quality for pages: 5 compresses a tutorial page in about 0.3 ms to within a sixth of the smallest size,
    /// which takes quality 11 some 40 ms, on every page's first visit after each edit (docs/benchmarks.md).
    /// </summary>
    public const int BrotliQuality = 5;

    private readonly byte[] identity;
    private readonly byte[] brotli;
    private readonly byte[] gzip;
    private readonly string identityTag;
    private readonly string brotliTag;
    private readonly string gzipTag;

    private CachedPage(byte[] identity, byte[] brotli, byte[] gzip, string etag, Endpoint? endpoint) =>
        (this.identity, this.brotli, this.gzip, identityTag, brotliTag, gzipTag, Endpoint) =
            (identity, brotli, gzip, $"\"{etag}\"", $"\"{etag}-br\"", $"\"{etag}-gzip\"", endpoint);

    /// <summary>The endpoint that rendered it: set on a request it answers before routing, so metrics name the page's route.</summary>
    public Endpoint? Endpoint { get; }

    /// <summary>The bytes kept, for the cache's budget.</summary>
    public long Size => identity.Length + brotli.Length + gzip.Length;

    public static CachedPage Create(byte[] html, Endpoint? endpoint) =>
        new(html, Compress(html, s => new BrotliStream(s, new BrotliCompressionOptions { Quality = BrotliQuality })),
            Compress(html, s => new GZipStream(s, CompressionLevel.Optimal)), Convert.ToBase64String(SHA256.HashData(html), 0, 12), endpoint);

    /// <summary>Answers a request that was not routed: as if routing had led it to <see cref="Endpoint"/>.</summary>
    public Task ServeAsync(HttpContext context)
    {
        context.SetEndpoint(Endpoint);
        return WriteAsync(context).AsTask();
    }

    public ValueTask WriteAsync(HttpContext context)
    {
        var (bytes, encoding, tag) = Negotiate(context.Request.Headers.AcceptEncoding.ToString());
        var response = context.Response;
        var headers = response.Headers;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        // Revalidated on every visit (an edit changes the ETag); a reader who becomes a learner gets their own page.
        headers.CacheControl = "no-cache";
        headers.Vary = "Accept-Encoding, Cookie";
        headers.ETag = tag;
        if (context.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } match
            && match.Split(',', StringSplitOptions.TrimEntries).Contains(tag, StringComparer.Ordinal))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return ValueTask.CompletedTask;
        }
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }
        response.ContentLength = bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? ValueTask.CompletedTask : response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private (byte[] Bytes, string? Encoding, string Tag) Negotiate(string acceptEncoding)
    {
        if (acceptEncoding.Length == 0)
        {
            return (identity, null, identityTag);
        }
        var accepted = acceptEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(e => !e.Replace(" ", "", StringComparison.Ordinal).EndsWith(";q=0", StringComparison.Ordinal))
            .Select(e => e.Split(';')[0].Trim())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return accepted.Contains("br") ? (brotli, "br", brotliTag) : accepted.Contains("gzip") ? (gzip, "gzip", gzipTag) : (identity, null, identityTag);
    }

    private static byte[] Compress(byte[] bytes, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(bytes);
        }
        return output.ToArray();
    }
}
