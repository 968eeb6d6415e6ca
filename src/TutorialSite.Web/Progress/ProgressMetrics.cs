using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TutorialSite.Web.Progress;

/// <summary>
/// The progress feature's meter and spans (docs/operations.md, "Observe"). Names follow OpenTelemetry's semantic
/// conventions: dotted lower case, a unit in UCUM (<c>s</c>, or a <c>{thing}</c> count), the outcome as an attribute
/// rather than in the name. Recording costs nothing while no exporter listens (metrics are off by default).
/// </summary>
public sealed class ProgressMetrics
{
    public const string Name = "TutorialSite.Progress";

    /// <summary>The tick writer's commits, as spans around the EF Core commands they run.</summary>
    public static readonly ActivitySource Traces = new(Name);

    private static readonly KeyValuePair<string, object?> Saved = new("tutorialsite.outcome", "saved");
    private static readonly KeyValuePair<string, object?> Failed = new("tutorialsite.outcome", "failed");

    private readonly Counter<long> ticks;
    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> commitDuration;
    private readonly Counter<long> transfers;
    private readonly Counter<long> reviewAnswers;

    public ProgressMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        ticks = meter.CreateCounter<long>("tutorialsite.ticks", "{tick}",
            "Ticks and unticks learners asked for, by tutorialsite.outcome: saved (committed, then answered) or failed.");
        batchSize = meter.CreateHistogram("tutorialsite.tick_writer.batch.size", "{change}",
            "Changes (a tick, an import) committed together in one transaction by the tick writer.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        commitDuration = meter.CreateHistogram("tutorialsite.tick_writer.commit.duration", "s",
            "How long one group commit took (its statements and the commit's fsync), by tutorialsite.outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        transfers = meter.CreateCounter<long>("tutorialsite.progress.transfers", "{transfer}",
            "Progress moved by a learner, by tutorialsite.transfer: export, import, link_code (a device code made), link_redeemed.");
        // For the review feature (issue #18): call ReviewAnswered where an answer is recorded.
        reviewAnswers = meter.CreateCounter<long>("tutorialsite.review.answers", "{answer}",
            "Answers given in a review session, by tutorialsite.outcome (e.g. remembered, forgotten).");
    }

    public void TickSaved() => ticks.Add(1, Saved);

    public void TickFailed() => ticks.Add(1, Failed);

    public void Committed(int changes, TimeSpan elapsed, bool succeeded)
    {
        batchSize.Record(changes);
        commitDuration.Record(elapsed.TotalSeconds, succeeded ? Saved : Failed);
    }

    /// <summary><paramref name="kind"/>: export, import, link_code or link_redeemed.</summary>
    public void Transferred(string kind) => transfers.Add(1, new KeyValuePair<string, object?>("tutorialsite.transfer", kind));

    public void ReviewAnswered(string outcome) => reviewAnswers.Add(1, new KeyValuePair<string, object?>("tutorialsite.outcome", outcome));
}
