using System.Diagnostics.Metrics;

namespace TutorialSite.Web.Content;

/// <summary>
/// The content feature's meter (docs/operations.md, "Observe"): each load's duration, and what the current snapshot
/// holds, read only when an exporter collects.
/// </summary>
public sealed class ContentMetrics
{
    public const string Name = "TutorialSite.Content";

    private readonly Histogram<double> loadDuration;

    public ContentMetrics(IMeterFactory meters, Func<ContentSnapshot> current)
    {
        var meter = meters.Create(Name);
        loadDuration = meter.CreateHistogram("tutorialsite.content.load.duration", "s",
            "How long a content load took (the first, and each reload after an edit), by tutorialsite.content.result: ok, warnings or errors.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        meter.CreateObservableGauge("tutorialsite.content.tutorials", () => (long)current().Tutorials.Count(), "{tutorial}",
            "Tutorials in the snapshot being served.");
        meter.CreateObservableGauge("tutorialsite.content.problems", () => Problems(current()), "{problem}",
            "Problems in the snapshot being served, by tutorialsite.content.rule (docs/authoring.md) and tutorialsite.content.severity.");
    }

    public void Loaded(ContentSnapshot snapshot, TimeSpan elapsed)
    {
        var result = snapshot.Problems.Any(p => p.Severity == Severity.Error) ? "errors" : snapshot.Problems.Count > 0 ? "warnings" : "ok";
        loadDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("tutorialsite.content.result", result));
    }

    private static IEnumerable<Measurement<long>> Problems(ContentSnapshot snapshot) =>
        snapshot.Problems.GroupBy(p => (p.Rule, p.Severity)).Select(g => new Measurement<long>(g.Count(),
            new KeyValuePair<string, object?>("tutorialsite.content.rule", g.Key.Rule),
            new KeyValuePair<string, object?>("tutorialsite.content.severity", g.Key.Severity == Severity.Error ? "error" : "warning")));
}
