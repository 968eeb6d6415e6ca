using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.HttpOverrides;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Operations;

/// <summary>What running the site needs beyond its features: keys, proxies, shutdown, request logs, probes.</summary>
public static class OperationsExtensions
{
    /// <summary>
    /// How long SIGTERM waits for in-flight requests before the host gives up. Below compose's
    /// <c>stop_grace_period</c> (30 s) and <c>docker stop -t 30</c>, so the process exits on its own, with 0.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(25);

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        // Antiforgery tokens (and any protected cookie) must survive restarts and new containers: keep the keys
        // in the data folder, not in the container's throw-away home directory. Replicas on PostgreSQL keep
        // them in the shared database instead, so a form served by one is accepted by any other.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("TutorialSite");
        if (ProgressServiceCollectionExtensions.Provider(builder.Configuration) == DatabaseProvider.Postgres)
        {
            dataProtection.PersistKeysToDbContext<PostgresProgressDbContext>();
        }
        else
        {
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, IHostEnvironment, ILoggerFactory>((options, configuration, environment, loggers) =>
                options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(KeysFolder(configuration, environment)), loggers));
        }

        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = InlineScheduling(Environment.GetEnvironmentVariable(SocketsInlineCompletions)));
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>(ConfigureForwardedHeaders);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>.NET's switch that runs socket completions on its event-loop threads instead of the thread pool's.</summary>
    public const string SocketsInlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Whether Kestrel runs a request on the thread that received it. By default it queues the request to the thread
    /// pool once more, and its response's send once more after that: on two cores those hand-offs took about 5 % of an
    /// anonymous page's throughput (docs/benchmarks.md). The receiving thread is a thread-pool thread, because
    /// .NET's socket engine hands every completion to the pool, so a request that blocks (a synchronous SQLite read)
    /// blocks no more than it did. With <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> the receiving thread
    /// would be one of the engine's event loops, where such a read would hold up other connections: then not.
    /// </summary>
    public static bool InlineScheduling(string? socketsInlineCompletions) => socketsInlineCompletions != "1";

    /// <summary><c>DataProtection__KeysPath</c>, default <c>keys</c> in the data folder (SQLite only).</summary>
    public static string KeysFolder(IConfiguration configuration, IHostEnvironment environment) =>
        Path.GetFullPath(configuration["DataProtection:KeysPath"] ?? Path.Combine(DataFolder.Resolve(configuration, environment), "keys"), environment.ContentRootPath);

    /// <summary>
    /// First in the pipeline: the client's real address and scheme (from trusted proxies, or fixed by
    /// <c>Site__PublicBaseUrl</c>), then one log line per request.
    /// </summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (PublicBaseUrl(app.Configuration) is { } origin)
        {
            // The authority as written: HostString.FromUriComponent(Uri) spells out the default port (":443"), which
            // would then appear in every absolute URL the site writes (canonical links, the sitemap, robots.txt).
            var host = new HostString(origin.Authority);
            app.Use((context, next) =>
            {
                context.Request.Scheme = origin.Scheme;
                context.Request.Host = host;
                return next(context);
            });
        }
        app.UseMiddleware<RequestLogging>();
        return app;
    }

    /// <summary>
    /// <c>Site__PublicBaseUrl</c>: the origin learners use (<c>https://learn.example.org</c>). When set, every
    /// request takes its scheme and host from it, so cookies are marked Secure behind a TLS proxy even without
    /// X-Forwarded-Proto. The site must be served at the root of its host: pages and Markdown links are
    /// root-relative, so a path (a path base) is refused rather than half supported.
    /// </summary>
    public static Uri? PublicBaseUrl(IConfiguration configuration)
    {
        if (configuration["Site:PublicBaseUrl"] is not { Length: > 0 } value)
        {
            return null;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"Site__PublicBaseUrl: `{value}` is not an absolute http or https URL.");
        }
        if (url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw new InvalidOperationException($"Site__PublicBaseUrl: `{value}` has a path; the site must be served at the root of its host (no path base).");
        }
        return url;
    }

    /// <summary>
    /// X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies listed in
    /// <c>ForwardedHeaders__KnownProxies</c> (addresses) or <c>ForwardedHeaders__KnownNetworks</c> (CIDR),
    /// comma-separated; with neither, only from loopback (ASP.NET's default).
    /// </summary>
    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        var proxies = List(configuration["ForwardedHeaders:KnownProxies"]);
        var networks = List(configuration["ForwardedHeaders:KnownNetworks"]);
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return;
        }
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders__KnownProxies: `{proxy}` is not an IP address."));
        }
        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"ForwardedHeaders__KnownNetworks: `{network}` is not a network in CIDR form (10.0.0.0/8)."));
        }
    }

    private static string[] List(string? value) =>
        value?.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
