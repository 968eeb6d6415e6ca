using System.Diagnostics.Metrics;

namespace TutorialSite.Web.Pages;

/// <summary>
/// The pages' meter (docs/operations.md, "Observe"): how often the page caches answer from memory, and how long a
/// search takes. A counter's <c>Add</c> is all a cached page pays, and only while an exporter listens.
/// </summary>
public sealed class PageMetrics
{
    public const string Name = "TutorialSite.Pages";

    private static readonly KeyValuePair<string, object?>[] AnonymousHit = Tags("anonymous", "hit");
    private static readonly KeyValuePair<string, object?>[] AnonymousMiss = Tags("anonymous", "miss");
    private static readonly KeyValuePair<string, object?>[] LearnerHit = Tags("learner", "hit");
    private static readonly KeyValuePair<string, object?>[] LearnerMiss = Tags("learner", "miss");

    private readonly Counter<long> cacheRequests;
    private readonly Histogram<double> searchDuration;

    public PageMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        cacheRequests = meter.CreateCounter<long>("tutorialsite.page_cache.requests", "{request}",
            "Pages asked of a page cache, by tutorialsite.page_cache (anonymous: whole pages; learner: templates) and tutorialsite.page_cache.result (hit or miss).");
        searchDuration = meter.CreateHistogram("tutorialsite.search.duration", "s",
            "How long the search index took to answer one query.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25] });
    }

    public void AnonymousPage(bool hit) => cacheRequests.Add(1, hit ? AnonymousHit : AnonymousMiss);

    public void LearnerPage(bool hit) => cacheRequests.Add(1, hit ? LearnerHit : LearnerMiss);

    public void Searched(TimeSpan elapsed) => searchDuration.Record(elapsed.TotalSeconds);

    private static KeyValuePair<string, object?>[] Tags(string cache, string result) =>
        [new("tutorialsite.page_cache", cache), new("tutorialsite.page_cache.result", result)];
}
