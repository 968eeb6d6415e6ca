using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using TutorialSite.Web.Operations;

namespace TutorialSite.Bench;

/// <summary>
/// What one request pays for each metric while an exporter listens (docs/benchmarks.md, "Metrics on and off"): the
/// instruments recorded per request, with the tags ASP.NET Core gives them, through an OpenTelemetry MeterProvider
/// configured like the site's (<see cref="Telemetry.Meters"/>, the <see cref="Telemetry.Dropped"/> views). The
/// exporter does nothing: collection is not per request.
/// </summary>
[MemoryDiagnoser]
public class MetricsRecording : IDisposable
{
    private static readonly KeyValuePair<string, object?>[] CacheHit =
        [new("tutorialsite.page_cache", "learner"), new("tutorialsite.page_cache.result", "hit")];

    private readonly Meter hosting = new("Microsoft.AspNetCore.Hosting");
    private readonly Meter pages = new("TutorialSite.Pages");
    private readonly Meter unheard = new("Nobody.Listens");
    private MeterProvider? provider;
    private Histogram<double> requestDuration = null!;
    private UpDownCounter<long> activeRequests = null!;
    private UpDownCounter<long> activeRequestsDropped = null!;
    private Counter<long> cacheRequests = null!;
    private Histogram<double> disabled = null!;
    private long cacheHits;

    [GlobalSetup]
    public void SetUp()
    {
        var builder = Sdk.CreateMeterProviderBuilder().AddMeter(Telemetry.Meters);
        foreach (var instrument in Telemetry.Dropped)
        {
            builder.AddView(instrument, MetricStreamConfiguration.Drop);
        }
        provider = builder.AddReader(new BaseExportingMetricReader(new NoExporter())).Build();
        requestDuration = hosting.CreateHistogram<double>("http.server.request.duration", "s",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });
        activeRequests = hosting.CreateUpDownCounter<long>("http.server.active_requests.kept", "{request}");
        activeRequestsDropped = hosting.CreateUpDownCounter<long>("http.server.active_requests", "{request}");
        cacheRequests = pages.CreateCounter<long>("tutorialsite.page_cache.requests", "{request}");
        disabled = unheard.CreateHistogram<double>("http.server.request.duration", "s");
    }

    /// <summary>ASP.NET Core's request duration, as recorded at the end of each request (HostingMetrics.RequestEnd).</summary>
    [Benchmark(Baseline = true)]
    public void RequestDuration()
    {
        var tags = new TagList
        {
            { "url.scheme", "http" }, { "http.request.method", "GET" }, { "network.protocol.version", "1.1" },
            { "http.response.status_code", 200 }, { "http.route", "{course:slug}/{tutorial:slug}" },
        };
        requestDuration.Record(0.0012, tags);
    }

    /// <summary>http.server.active_requests as exported before the view: +1 at the start, -1 at the end.</summary>
    [Benchmark]
    public void ActiveRequests() => AddTwice(activeRequests);

    /// <summary>The same instrument dropped by the site's view: the framework's Enabled check and nothing more.</summary>
    [Benchmark]
    public void ActiveRequestsDropped() => AddTwice(activeRequestsDropped);

    /// <summary>The page cache's metric as it was: a counter Add with two tags on every cached page.</summary>
    [Benchmark]
    public void PageCacheCounterAdd() => cacheRequests.Add(1, CacheHit);

    /// <summary>As it is: the cache's own count, read by an observable counter at scrape time.</summary>
    [Benchmark]
    public long PageCacheIncrement() => Interlocked.Increment(ref cacheHits);

    /// <summary>An instrument no exporter listens to: what every instrument costs with metrics off.</summary>
    [Benchmark]
    public void Disabled() => disabled.Record(0.0012, new KeyValuePair<string, object?>("http.route", "{course:slug}/{tutorial:slug}"));

    private static void AddTwice(UpDownCounter<long> counter)
    {
        if (counter.Enabled)
        {
            var tags = new TagList { { "url.scheme", "http" }, { "http.request.method", "GET" } };
            counter.Add(1, tags);
            counter.Add(-1, tags);
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        provider?.Dispose();
        hosting.Dispose();
        pages.Dispose();
        unheard.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class NoExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
