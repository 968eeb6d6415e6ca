using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TutorialSite.Web.Pages;

namespace TutorialSite.Web;

/// <summary>
/// Limits on writes (ticks, resets): per learner and per client address, token buckets answering 429 with
/// <c>Retry-After</c>. Reads, static files and health checks are never limited. The buckets live in each
/// process's memory: with several replicas each enforces its own share.
/// </summary>
public static class RateLimits
{
    /// <summary>Bound from <c>RateLimits</c> (<c>RateLimits__PerLearnerPerMinute</c>, …); 0 turns a limit off.</summary>
    public sealed class Options
    {
        public const string Section = "RateLimits";

        /// <summary>A learner ticking by hand does a few a minute; this leaves room for fast clicking.</summary>
        public int PerLearnerPerMinute { get; set; } = 120;

        /// <summary>A whole classroom behind one NAT address shares this.</summary>
        public int PerClientPerMinute { get; set; } = 3000;
    }

    public static IServiceCollection AddWriteRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Options>().Bind(configuration.GetSection(Options.Section))
            .Validate(o => o.PerLearnerPerMinute >= 0 && o.PerClientPerMinute >= 0,
                "RateLimits__PerLearnerPerMinute and RateLimits__PerClientPerMinute: a whole number of requests, 0 (no limit) or more.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<Options>>((limiter, settings) =>
        {
            var options = settings.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync($"Too many changes at once; try again in {retryAfter} s.", cancellationToken);
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsWrite(context) && LearnerCookie.Read(context) is { } learner
                        ? Bucket("learner:" + learner, options.PerLearnerPerMinute)
                        : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsWrite(context)
                        ? Bucket("client:" + context.Connection.RemoteIpAddress, options.PerClientPerMinute)
                        : RateLimitPartition.GetNoLimiter("")));
        });
        return services;
    }

    private static bool IsWrite(HttpContext context) => HttpMethods.IsPost(context.Request.Method);

    /// <summary>A burst of half a minute's allowance, refilled every second.</summary>
    private static RateLimitPartition<string> Bucket(string key, int perMinute) =>
        perMinute <= 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, perMinute / 2),
                TokensPerPeriod = Math.Max(1, perMinute / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
}
