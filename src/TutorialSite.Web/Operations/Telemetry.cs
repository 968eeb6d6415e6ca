using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TutorialSite.Web.Operations;

/// <summary>
/// Metrics and traces through OpenTelemetry, both off by default (docs/operations.md, "Observe").
/// <list type="bullet">
/// <item><c>Metrics__Port</c>: <c>/metrics</c> in Prometheus's text format on that port, and only there: a request on
/// any other port never reaches the exporter, and nothing but <c>/metrics</c> answers on that one.</item>
/// <item><c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and the other standard <c>OTEL_*</c> variables): metrics and traces go
/// out over OTLP as well.</item>
/// </list>
/// Both read the same meters: ASP.NET Core's (requests, Kestrel's connections, exceptions, rate limits), the runtime's,
/// Npgsql's, and the site's own <c>TutorialSite.*</c>. With neither set no listener exists, so instruments stay disabled
/// and a request pays nothing for them.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>The meters exported: the framework's built-in ones and the site's (one per feature).</summary>
    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting", "System.Runtime", "Npgsql", "TutorialSite.*",
    ];

    /// <summary>
    /// Instruments of those meters that are not exported: each is recorded on every request (or every tick) it
    /// concerns, and no alert or dashboard of ours reads it. Dropped by a view, so the framework skips recording them
    /// (docs/benchmarks.md, "Metrics on and off"). The rate-limiting ones answer "how many leases are held" for a
    /// limiter that never queues; <c>aspnetcore.rate_limiting.requests</c> (rejections) stays.
    /// </summary>
    public static readonly string[] Dropped =
    [
        "http.server.active_requests",
        "aspnetcore.rate_limiting.active_request_leases", "aspnetcore.rate_limiting.request_lease.duration",
        "aspnetcore.rate_limiting.queued_requests", "aspnetcore.rate_limiting.request.time_in_queue",
    ];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        // Metrics__Port: read here, once, as it decides what is registered and where Kestrel listens.
        var settings = MetricsOptions.Read(builder.Configuration);
        builder.Services.AddSingleton(Options.Create(settings));
        var metricsPort = settings.Port;
        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 };
        if (metricsPort is null && !otlp)
        {
            return builder;
        }
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("tutorialsite", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters);
                foreach (var instrument in Dropped)
                {
                    metrics.AddView(instrument, MetricStreamConfiguration.Drop);
                }
                if (metricsPort is not null)
                {
                    metrics.AddPrometheusExporter();
                }
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // Traces go nowhere without OTLP, so they are only collected with it.
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !HealthEndpoints.IsProbe(context.Request.Path))
                // Every command EF Core runs, on SQLite and PostgreSQL alike (the tick writer's included).
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(Progress.ProgressMetrics.Name)
                .AddOtlpExporter());
        }
        if (metricsPort is { } port)
        {
            builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, WithMetricsPort(builder.Configuration, port));
        }
        return builder;
    }

    /// <summary>
    /// First in the pipeline when <c>Metrics__Port</c> is set: a request that arrived on that port is answered here
    /// (the scrape at <c>/metrics</c>, anything else 404) and goes no further; one on the public port passes on and can
    /// never reach the exporter, whatever its path or Host header.
    /// </summary>
    public static WebApplication UseMetricsEndpoint(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Port is not { } port)
        {
            return app;
        }
        app.MapWhen(context => context.Connection.LocalPort == port, metrics =>
        {
            // Scrapes are not requests to the site: kept out of http.server.request.duration.
            metrics.Use((context, next) =>
            {
                if (context.Features.Get<IHttpMetricsTagsFeature>() is { } tags)
                {
                    tags.MetricsDisabled = true;
                }
                return next(context);
            });
            metrics.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == MetricsPath);
            metrics.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
        return app;
    }

    /// <summary>
    /// The addresses the site listens on, plus the metrics port on every interface (Prometheus in another container
    /// must reach it; do not publish it). Kestrel listens on <c>ASPNETCORE_URLS</c>, or else on
    /// <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c>, or else on localhost:5000: setting the URLs replaces all of
    /// them, so they are carried over. The metrics port may not be one of them.
    /// </summary>
    public static string WithMetricsPort(IConfiguration configuration, int port)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured
            ? configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [.. Ports(configuration[WebHostDefaults.HttpPortsKey]).Select(p => $"http://*:{p}"),
               .. Ports(configuration[WebHostDefaults.HttpsPortsKey]).Select(p => $"https://*:{p}")];
        if (urls.Length == 0)
        {
            urls = ["http://localhost:5000"];
        }
        if (urls.Any(url => BindingAddress.Parse(url.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal)).Port == port))
        {
            throw new InvalidOperationException($"Metrics__Port: {port} is also a public port of the site ({string.Join(";", urls)}); metrics need a port of their own.");
        }
        return string.Join(';', [.. urls, $"http://*:{port}"]);
    }

    private static string[] Ports(string? list) =>
        list?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
