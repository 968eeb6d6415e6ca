using System.Globalization;
using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using TutorialSite.Web.Content;
using TutorialSite.Web.Pages;

namespace TutorialSite.Web.Serving;

/// <summary>
/// The A/B variant of <see cref="AnonymousPageCache"/> (docs/benchmarks.md, "Output caching against our page cache"),
/// switched on at start by the hidden setting <c>Serving__AnonymousPages=OutputCache</c>: the same requests (GET/HEAD
/// of an <see cref="AnonymousPageCacheAttribute"/> page, no learner cookie, no query string) served by ASP.NET Core's
/// output caching, keyed by the content snapshot (a version in the key and a tag evicted when the snapshot changes),
/// compressed by the response compression middleware inside the cache (so each encoding is kept compressed), with
/// an ETag per snapshot and encoding (304 by the output cache), the same headers, within the same budget.
/// </summary>
public static class OutputCachedPages
{
    public const string Setting = "Serving:AnonymousPages";

    public static bool Enabled(IConfiguration configuration) => string.Equals(configuration[Setting], "OutputCache", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddOutputCachedPages(this IServiceCollection services, IConfiguration configuration)
    {
        if (!Enabled(configuration))
        {
            return services;
        }
        services.AddSingleton<SnapshotVersion>();
        services.AddOutputCache(options =>
        {
            // Pages live as long as their snapshot: evicted by tag when it changes, never by age.
            options.DefaultExpirationTimeSpan = TimeSpan.FromDays(365);
            options.AddBasePolicy(policy => policy.AddPolicy<SnapshotPolicy>());
        });
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<SiteOptions>>((options, site) =>
            options.SizeLimit = site.Value.PageCacheMegabytes * 1024L * 1024 / 2);
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        // Brotli's Optimal is quality 4 (ours uses 5); gzip's Optimal is what ours uses.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    public static IApplicationBuilder UseOutputCachedPages(this IApplicationBuilder app)
    {
        var content = app.ApplicationServices.GetRequiredService<ContentStore>();
        var versions = app.ApplicationServices.GetRequiredService<SnapshotVersion>();
        var store = app.ApplicationServices.GetRequiredService<IOutputCacheStore>();
        return app.UseWhen(
            context => (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && !context.Request.QueryString.HasValue
                && context.GetEndpoint()?.Metadata.GetMetadata<AnonymousPageCacheAttribute>() is not null
                && LearnerCookie.Read(context) is null,
            branch =>
            {
                branch.Use(async (context, next) =>
                {
                    if (versions.For(content.Current) is (_, { } evict))
                    {
                        await store.EvictByTagAsync(evict, context.RequestAborted);
                    }
                    await next(context);
                });
                branch.UseOutputCache();
                // Inside the output cache and before anything is written: it keeps the headers the response has when
                // its body is first written. The ETag names the encoding the compression middleware will choose.
                branch.Use((context, next) =>
                {
                    var headers = context.Response.Headers;
                    headers.CacheControl = "no-cache";
                    headers.Vary = "Accept-Encoding, Cookie";
                    headers.ETag = $"\"{versions.Current}{CachedPage.Negotiate(context.Request.Headers.AcceptEncoding.ToString())}\"";
                    context.Response.OnStarting(() =>
                    {
                        if (context.Response.StatusCode != StatusCodes.Status200OK)
                        {
                            context.Response.Headers.Remove("ETag");
                            context.Response.Headers.Remove("Cache-Control");
                        }
                        return Task.CompletedTask;
                    });
                    return next(context);
                });
                branch.UseResponseCompression();
            });
    }

    /// <summary>A number per content snapshot, for the cache key and tag; the tag of the one before, once, to evict.</summary>
    public sealed class SnapshotVersion
    {
        private readonly Lock gate = new();
        private ContentSnapshot? seen;
        private long version;

        public string Current => Volatile.Read(ref version).ToString(CultureInfo.InvariantCulture);

        public (string Version, string? Evict) For(ContentSnapshot snapshot)
        {
            if (ReferenceEquals(Volatile.Read(ref seen), snapshot))
            {
                return (Current, null);
            }
            lock (gate)
            {
                if (ReferenceEquals(seen, snapshot))
                {
                    return (Current, null);
                }
                var old = Current;
                seen = snapshot;
                Volatile.Write(ref version, version + 1);
                return (Current, "snapshot-" + old);
            }
        }
    }

    /// <summary>Keys and tags every page with its snapshot's version, varies by Accept-Encoding (each encoding kept apart).</summary>
    public sealed class SnapshotPolicy(SnapshotVersion versions) : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var version = versions.Current;
            context.CacheVaryByRules.VaryByValues["snapshot"] = version;
            context.CacheVaryByRules.HeaderNames = "Accept-Encoding";
            context.Tags.Add("snapshot-" + version);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
