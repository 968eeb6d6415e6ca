using System.Diagnostics.Metrics;

namespace TutorialSite.Web.Pages;

/// <summary>
/// The pages' meter (docs/operations.md, "Observe"): how often the page caches answer from memory, and how long a
/// search takes. The caches count their own hits and misses; the metric reads those counts only when an exporter
/// collects, so a cached page pays no metric call at all (docs/benchmarks.md, "Metrics on and off").
/// </summary>
public sealed class PageMetrics
{
    public const string Name = "TutorialSite.Pages";

    private readonly List<(KeyValuePair<string, object?> Cache, Func<long> Hits, Func<long> Misses)> caches = [];
    private readonly Histogram<double> searchDuration;

    public PageMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        meter.CreateObservableCounter("tutorialsite.page_cache.requests", Observe, "{request}",
            "Pages asked of a page cache, by tutorialsite.page_cache (anonymous: whole pages; learner: templates) and tutorialsite.page_cache.result (hit or miss).");
        searchDuration = meter.CreateHistogram("tutorialsite.search.duration", "s",
            "How long the search index took to answer one query.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25] });
    }

    /// <summary>Reports a page cache's hits and misses as <c>tutorialsite.page_cache=<paramref name="name"/></c>.</summary>
    /// <remarks>Takes the counts as functions: the caches live in Serving/, which uses Pages, never the reverse.</remarks>
    public void ObservePageCache(string name, Func<long> hits, Func<long> misses)
    {
        lock (caches)
        {
            caches.Add((new("tutorialsite.page_cache", name), hits, misses));
        }
    }

    public void Searched(TimeSpan elapsed) => searchDuration.Record(elapsed.TotalSeconds);

    private IEnumerable<Measurement<long>> Observe()
    {
        lock (caches)
        {
            return [.. caches.SelectMany(c => new[]
            {
                new Measurement<long>(c.Hits(), c.Cache, new("tutorialsite.page_cache.result", "hit")),
                new Measurement<long>(c.Misses(), c.Cache, new("tutorialsite.page_cache.result", "miss")),
            })];
        }
    }
}
