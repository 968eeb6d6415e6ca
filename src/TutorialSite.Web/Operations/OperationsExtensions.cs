using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Operations;

/// <summary>What running the site needs beyond its features: the data folder, proxies, shutdown, request logs, probes.</summary>
public static class OperationsExtensions
{
    /// <summary>
    /// How long SIGTERM waits for in-flight requests before the host gives up. Below compose's
    /// <c>stop_grace_period</c> (30 s) and <c>docker stop -t 30</c>, so the process exits on its own, with 0.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(25);

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        // One folder of runtime data (Data__Path): the features are told where it is, and never read the setting.
        builder.Services.AddOptions<DataOptions>().Configure<IConfiguration, IHostEnvironment>(DataOptions.Bind).ValidateOnStart();
        builder.Services.AddOptions<ContentOptions>().Configure<IOptions<DataOptions>>((options, data) => options.CacheFolder = data.Value.Path);
        builder.Services.AddOptions<ProgressOptions>().Configure<IOptions<DataOptions>>((options, data) => options.DataFolder = data.Value.Path);

        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = InlineScheduling(Environment.GetEnvironmentVariable(SocketsInlineCompletions)));
        if (!RequestScopesUsed(builder.Configuration))
        {
            builder.Logging.AddFilter(HostingDiagnostics, LogLevel.None);
        }
        // ForwardedHeaders__*: which proxies are believed.
        builder.Services.AddOptions<ProxyOptions>().Configure<IConfiguration>(ProxyOptions.Bind).ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((options, proxies) => TrustProxies(options, proxies.Value));
        builder.Services.Configure<HostOptions>(options =>
        {
            options.ShutdownTimeout = ShutdownTimeout;
            // Kestrel and the content watcher start while the content loads (ContentLoading's start waits for it):
            // the probes answer during a long first load, and the start's last steps leave its critical path.
            options.ServicesStartConcurrently = true;
        });
        // The first load, then the migration; the host's start completes with both. Requests wait for the content
        // (WaitForContent), queries for the migration (Progress/MigrationGate).
        builder.Services.AddSingleton<SiteStart>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SiteStart>());
        // Readiness (/readyz): the content is loaded, and the database answers with every migration applied.
        builder.Services.AddHealthChecks()
            .AddCheck<ContentHealthCheck>("content", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<SiteStart.DatabaseCheck>("database", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    /// <summary>ASP.NET Core's hosting logger: its being on makes every request's Activity and log scope.</summary>
    public const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Whether anything uses the Activity and log scope (trace id, connection id, request path) ASP.NET Core makes for
    /// every request while its hosting logger is on, as it is at any level but None: log lines that show scopes (the
    /// image's JSON logs), exported traces (their Activity is made for them anyway), or the hosting logger's own
    /// request lines (a level below Warning for it, or for a prefix of its name, in any provider's <c>LogLevel</c>).
    /// Made for nothing, they cost 5-14 % of a page's CPU (docs/benchmarks.md), so otherwise the logger is off. At the
    /// levels the site keeps it logs nothing else but a failed start, whose exception still ends the process, printed.
    /// </summary>
    public static bool RequestScopesUsed(IConfiguration configuration)
    {
        // Read as the console logger reads them, but a value it cannot read is left for it to refuse, not refused here.
        static bool IsTrue(string? value) => bool.TryParse(value, out var isTrue) && isTrue;
        if (IsTrue(configuration["Logging:Console:FormatterOptions:IncludeScopes"]) || IsTrue(configuration["Logging:Console:IncludeScopes"])
            || configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
        {
            return true;
        }
        var logging = configuration.GetSection("Logging");
        return logging.GetChildren().Select(provider => provider.Key == "LogLevel" ? provider : provider.GetSection("LogLevel")).Any(levels =>
            levels.GetChildren()
                .Where(level => HostingDiagnostics.StartsWith(level.Key + ".", StringComparison.OrdinalIgnoreCase)
                    || HostingDiagnostics.Equals(level.Key, StringComparison.OrdinalIgnoreCase))
                .MaxBy(level => level.Key.Length) is { } closest
            && Enum.TryParse<LogLevel>(closest.Value, ignoreCase: true, out var minimum) && minimum < LogLevel.Warning);
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

    /// <summary>
    /// First in the pipeline: the client's real address and scheme (from trusted proxies, or fixed by
    /// <c>Site__PublicBaseUrl</c>), then one log line per request.
    /// </summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Site__PublicBaseUrl: every request takes its scheme and host from it, so cookies are marked Secure behind a
        // TLS proxy even without X-Forwarded-Proto.
        if (app.Services.GetRequiredService<IOptions<SiteOptions>>().Value.PublicBaseUrl is { } origin)
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
        app.UseMiddleware<WaitForContent>();
        return app;
    }

    /// <summary>
    /// X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies listed in <see cref="ProxyOptions"/>;
    /// with none listed, only from loopback (ASP.NET's default).
    /// </summary>
    private static void TrustProxies(ForwardedHeadersOptions options, ProxyOptions proxies)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        if (proxies.KnownProxies.Count == 0 && proxies.KnownNetworks.Count == 0)
        {
            return;
        }
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies.KnownProxies)
        {
            options.KnownProxies.Add(proxy);
        }
        foreach (var network in proxies.KnownNetworks)
        {
            options.KnownIPNetworks.Add(network);
        }
    }
}
