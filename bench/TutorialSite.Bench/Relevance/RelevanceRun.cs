using System.Diagnostics;
using System.Globalization;
using TutorialSite.Web.Content;

namespace TutorialSite.Bench.Relevance;

/// <summary>MRR@10, hit@1 and hit@3 over a set of judged queries, clean queries and the typo run apart.</summary>
public sealed record Scores(int Queries, double Mrr, double Hit1, double Hit3)
{
    public static Scores Of(IEnumerable<Judgment> judgments, Func<Judgment, IReadOnlyList<string>> search)
    {
        var ranks = judgments.Select(j => search(j).Take(10).ToList().FindIndex(j.IsRelevant)).ToList();
        return ranks.Count == 0
            ? new Scores(0, 0, 0, 0)
            : new Scores(ranks.Count, ranks.Average(r => r < 0 ? 0 : 1.0 / (r + 1)), ranks.Average(r => r == 0 ? 1.0 : 0), ranks.Average(r => r is >= 0 and < 3 ? 1.0 : 0));
    }

    public string Cells => string.Create(CultureInfo.InvariantCulture, $"{Mrr:0.00} | {Hit1:0.00} | {Hit3:0.00}");
}

/// <summary>
/// The relevance benchmark (bench/relevance/README.md): every judged set over its content, for our index, SQLite
/// FTS5 and Lucene.NET side by side, then query latency of the three at 2,000 synthetic tutorials.
/// </summary>
public static class RelevanceRun
{
    /// <param name="sets">Pairs of a judged query file and the content folder it was judged on.</param>
    public static int Run(IReadOnlyList<(string Queries, string Content)> sets, int latencyTutorials)
    {
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine("| set | queries | engine | MRR@10 | hit@1 | hit@3 | typo queries | typo MRR@10 | typo hit@1 | typo hit@3 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (file, folder) in sets)
        {
            var content = ContentLoader.Load(folder, includeDrafts: false);
            var judgments = Judgments.Read(file);
            Judgments.Check(file, judgments, content);
            var name = Path.GetFileNameWithoutExtension(file);
            foreach (var engine in Engines(content))
            {
                using (engine)
                {
                    var clean = Scores.Of(judgments.Where(j => j.Kind != QueryKind.Typo), j => engine.Search(j.Query, typo: false));
                    var typo = Scores.Of(judgments.Where(j => j.Kind == QueryKind.Typo), j => engine.Search(j.Query, typo: true));
                    Console.WriteLine(string.Create(culture,
                        $"| {name} ({content.Tutorials.Count()} tutorials) | {clean.Queries} | {engine.Name} | {clean.Cells} | {typo.Queries} | {typo.Cells} |"));
                }
            }
        }
        if (latencyTutorials > 0)
        {
            Console.WriteLine();
            Latency(latencyTutorials, sets.SelectMany(s => Judgments.Read(s.Queries)).ToList());
        }
        return 0;
    }

    /// <summary>Each engine's misses on a set: the query, what it should have found first, what it found.</summary>
    public static int Misses(string file, string folder)
    {
        var content = ContentLoader.Load(folder, includeDrafts: false);
        var judgments = Judgments.Read(file);
        Judgments.Check(file, judgments, content);
        foreach (var engine in Engines(content))
        {
            using (engine)
            {
                Console.WriteLine($"## {engine.Name}");
                foreach (var j in judgments)
                {
                    var found = engine.Search(j.Query, j.Kind == QueryKind.Typo);
                    var rank = found.ToList().FindIndex(j.IsRelevant);
                    if (rank != 0)
                    {
                        Console.WriteLine($"{j.Line}: [{j.Kind}] {j.Query} → want {j.Best} (rank {(rank < 0 ? "-" : rank + 1)}); got {string.Join(", ", found.Take(3))}");
                    }
                }
            }
        }
        return 0;
    }

    private static IEnumerable<IEngine> Engines(ContentSnapshot content)
    {
        yield return new OurEngine(content);
        yield return new Fts5Engine(content);
        yield return new LuceneEngine(content);
    }

    /// <summary>
    /// p50/p99 of one query at a time over synthetic content: the judged queries (which find little there, as
    /// on a site about something else) and words of the synthetic text, each engine in turn, interleaved by round.
    /// </summary>
    private static void Latency(int tutorials, IReadOnlyList<Judgment> judged)
    {
        var folder = Directory.CreateTempSubdirectory("tutorialsite-relevance-").FullName;
        try
        {
            SyntheticContent.Generate(folder, tutorials);
            var content = ContentLoader.Load(folder, includeDrafts: false);
            var started = Stopwatch.GetTimestamp();
            _ = content.Search;
            var build = Stopwatch.GetElapsedTime(started);
            string[] synthetic = ["step", "topic", SyntheticContent.Name(1, tutorials / 2), "outpt", "explain idea to", "stpe by step", "configuration file"];
            var queries = judged.Select(j => (j.Query, Typo: j.Kind == QueryKind.Typo)).Concat(synthetic.Select(q => (Query: q, Typo: false))).ToList();
            var engines = Engines(content).ToList();
            var times = engines.ToDictionary(e => e.Name, _ => new List<double>());
            foreach (var engine in engines)
            {
                foreach (var (query, typo) in queries)
                {
                    engine.Search(query, typo); // warm-up
                }
            }
            for (var round = 0; round < 5; round++)
            {
                foreach (var engine in engines)
                {
                    foreach (var (query, typo) in queries)
                    {
                        var start = Stopwatch.GetTimestamp();
                        engine.Search(query, typo);
                        times[engine.Name].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Latency at {tutorials} synthetic tutorials, {queries.Count} queries × 5 rounds, one at a time (our index built in {build.TotalMilliseconds:0} ms):"));
            Console.WriteLine();
            Console.WriteLine("| engine | p50 | p99 |");
            Console.WriteLine("|---|---|---|");
            foreach (var engine in engines)
            {
                var sorted = times[engine.Name].Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {engine.Name} | {sorted[sorted.Count / 2]:0.00} ms | {sorted[(int)(sorted.Count * 0.99)]:0.00} ms |"));
                engine.Dispose();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
