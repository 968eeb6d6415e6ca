using BenchmarkDotNet.Running;
using TutorialSite.Bench;

// Verbs used by bench/run.sh; `micro` hands the rest of the arguments to BenchmarkDotNet.
return args switch
{
    ["generate", var folder, var count] => SyntheticContent.Generate(folder, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    ["sized", var folder] => SyntheticContent.Sized(folder),
    ["learners", var site, var page, var count, var output] => await Learners.PrepareAsync(new Uri(site), page, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), output),
    ["count-ticks", var database] => Learners.CountTicks(database),
    ["load", var folder] => Load(folder, 3),
    ["load", var folder, var times] => Load(folder, int.Parse(times, System.Globalization.CultureInfo.InvariantCulture)),
    ["languages", .. var folders] => TutorialSite.Bench.Languages.Report(folders),
    ["micro", .. var rest] => Micro(rest),
    ["relevance", var tutorials, .. var sets] when sets.Length % 2 == 0 && sets.Length > 0 =>
        TutorialSite.Bench.Relevance.RelevanceRun.Run([.. sets.Chunk(2).Select(s => (s[0], s[1]))], int.Parse(tutorials, System.Globalization.CultureInfo.InvariantCulture)),
    ["relevance-misses", var queries, var folder] => TutorialSite.Bench.Relevance.RelevanceRun.Misses(queries, folder),
    ["relevance-misses", var queries, var folder, var engine] => TutorialSite.Bench.Relevance.RelevanceRun.Misses(queries, folder, engine),
    ["relevance-ours", .. var sets] when sets.Length % 2 == 0 && sets.Length > 0 =>
        TutorialSite.Bench.Relevance.RelevanceRun.Ours([.. sets.Chunk(2).Select(s => (s[0], s[1]))]),
    ["relevance-fit", var queries, var folder] => TutorialSite.Bench.Relevance.Fit.Run(queries, folder),
    ["relevance-fit-peers", var queries, var folder] => TutorialSite.Bench.Relevance.Fit.Peers(queries, folder),
    ["search", var folder, .. var queries] => Search(folder, queries),
    _ => Usage(),
};

// Our index's top ten for each query, with scores and the spelling searched: to read one query's ranking.
static int Search(string folder, string[] queries)
{
    var content = TutorialSite.Web.Content.ContentLoader.Load(folder, includeDrafts: false);
    foreach (var query in queries)
    {
        var results = content.Search.Search(query, limit: 10);
        Console.WriteLine($"## {query}{(results.CorrectedQuery is { } c ? $" (showing results for: {c})" : "")}");
        foreach (var r in results)
        {
            Console.WriteLine(System.FormattableString.Invariant($"{r.Score,8:0.000}  {r.Tutorial.Id}  {r.Tutorial.Title}"));
        }
    }
    return 0;
}

static int Micro(string[] rest)
{
    BenchmarkSwitcher.FromAssembly(typeof(SyntheticContent).Assembly).Run(rest);
    return 0;
}

// Loads a content folder three times (or TIMES) and prints how long each took: the first includes JIT and highlights every
// block, the others do not (a profiler attached after the first sees the steady-state load: docs/benchmarks.md).
static int Load(string folder, int times)
{
    for (var i = 0; i < times; i++)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var snapshot = TutorialSite.Web.Content.ContentLoader.Load(folder, includeDrafts: false);
        Console.WriteLine($"{snapshot.Tutorials.Count()} tutorials, {snapshot.Problems.Count} problems: {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
    }
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: TutorialSite.Bench generate FOLDER TUTORIALS
               TutorialSite.Bench sized FOLDER
               TutorialSite.Bench learners SITE_URL /course/tutorial COUNT OUT.lua
               TutorialSite.Bench count-ticks DATABASE
               TutorialSite.Bench load FOLDER [TIMES]
               TutorialSite.Bench languages [--show-plain] FOLDER...
               TutorialSite.Bench micro [BenchmarkDotNet arguments]
               TutorialSite.Bench relevance LATENCY_TUTORIALS QUERIES CONTENT [QUERIES CONTENT...]
               TutorialSite.Bench search CONTENT QUERY...
               TutorialSite.Bench relevance-misses QUERIES CONTENT [ENGINE]
               TutorialSite.Bench relevance-ours QUERIES CONTENT [QUERIES CONTENT...]
               TutorialSite.Bench relevance-fit QUERIES CONTENT
               TutorialSite.Bench relevance-fit-peers QUERIES CONTENT
        """);
    return 2;
}
