using System.Diagnostics;
using System.Globalization;
using TutorialSite.Web.Content;
using TutorialSite.Web.Content.Search;

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

    /// <summary>Our index alone on every set, a line each: quick while trying a change, which must hold on all of them.</summary>
    public static int Ours(IReadOnlyList<(string Queries, string Content)> sets)
    {
        foreach (var (file, folder) in sets)
        {
            var content = ContentLoader.Load(folder, includeDrafts: false);
            var judgments = Judgments.Read(file);
            Judgments.Check(file, judgments, content);
            var engine = new OurEngine(content, SearchIndex.Build(content, Weights()));
            var clean = Scores.Of(judgments.Where(j => j.Kind != QueryKind.Typo), j => engine.Search(j.Query, typo: false));
            var typo = Scores.Of(judgments.Where(j => j.Kind == QueryKind.Typo), j => engine.Search(j.Query, typo: true));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(file),-8} clean {clean.Mrr:0.000} | {clean.Hit1:0.000} | {clean.Hit3:0.000}; typos {typo.Mrr:0.000} | {typo.Hit1:0.000} | {typo.Hit3:0.000} (MRR@10 | hit@1 | hit@3)"));
        }
        return 0;
    }

    /// <summary>The default weights, with any named in SEARCH_WEIGHTS (<c>Form=0,B=0.3</c>) changed: to try one quickly.</summary>
    private static SearchWeights Weights()
    {
        var weights = SearchWeights.Default with { };
        foreach (var setting in (Environment.GetEnvironmentVariable("SEARCH_WEIGHTS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (setting.Split('=')[0].Trim(), double.Parse(setting.Split('=')[1], CultureInfo.InvariantCulture));
            var property = typeof(SearchWeights).GetProperty(name) ?? throw new ArgumentException($"SearchWeights has no {name}");
            property.SetValue(weights, Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
        }
        return weights;
    }

    /// <summary>Each engine's misses on a set: the query, what it should have found first, what it found; then its scores.</summary>
    /// <param name="only">An engine's name, to see only its misses (quick while working on the ranking).</param>
    public static int Misses(string file, string folder, string? only = null)
    {
        var content = ContentLoader.Load(folder, includeDrafts: false);
        var judgments = Judgments.Read(file);
        Judgments.Check(file, judgments, content);
        foreach (var engine in Engines(content))
        {
            using (engine)
            {
                if (only is not null && engine.Name != only)
                {
                    continue;
                }
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
                var clean = Scores.Of(judgments.Where(j => j.Kind != QueryKind.Typo), j => engine.Search(j.Query, typo: false));
                var typo = Scores.Of(judgments.Where(j => j.Kind == QueryKind.Typo), j => engine.Search(j.Query, typo: true));
                Console.WriteLine($"{engine.Name}: clean {clean.Cells}; typos {typo.Cells} (MRR@10 | hit@1 | hit@3)");
            }
        }
        return 0;
    }

    private static IEnumerable<IEngine> Engines(ContentSnapshot content)
    {
        yield return new OurEngine(content);
        yield return new MainEngine(content);
        yield return new Fts5Engine(content);
        yield return new LuceneEngine(content);
    }

    /// <summary>
    /// At synthetic scale: index memory and build time, ours before and after side by side (interleaved), then p50/p99
    /// of one query at a time for each engine, interleaved by round, over two groups: words of the synthetic text
    /// (found in many tutorials: ranking and 50 snippets) and the judged queries (mostly about things the synthetic
    /// site does not have: the misses, near-spelling scans and fall-backs).
    /// </summary>
    private static void Latency(int tutorials, IReadOnlyList<Judgment> judged)
    {
        var culture = CultureInfo.InvariantCulture;
        var folder = Directory.CreateTempSubdirectory("tutorialsite-relevance-").FullName;
        try
        {
            SyntheticContent.Generate(folder, tutorials);
            var content = ContentLoader.Load(folder, includeDrafts: false);
            var textBytes = content.Tutorials.Sum(t => (long)t.SearchText.Headings.Length * 2 + t.SearchText.ProseUtf8Length + t.SearchText.CodeUtf8Length);
            var ours = Measure(() => SearchIndex.Build(content));
            var main = Measure(() => MainSearchIndex.Build(content));
            var builds = (Ours: new List<double>(), Main: new List<double>());
            for (var i = 0; i < 5; i++)
            {
                builds.Ours.Add(Time(() => SearchIndex.Build(content)));
                builds.Main.Add(Time(() => MainSearchIndex.Build(content)));
            }
            Console.WriteLine(string.Create(culture, $"""
                At {tutorials:N0} synthetic tutorials ({Environment.ProcessorCount} cores, load average {LoadAverage()}):

                | index | heap after building | build, median of 5 (interleaved) |
                |---|---|---|
                | TutorialSite (this branch) | {ours / 1e6:0.0} MB, beside {textBytes / 1e6:0.0} MB of search text kept in the tutorials | {Median(builds.Ours):0} ms |
                | TutorialSite before (main 3f8c92e) | {main / 1e6:0.0} MB (its snippet text inside) | {Median(builds.Main):0} ms |

                """));
            string[] synthetic = ["step", "topic", SyntheticContent.Name(1, tutorials / 2), "outpt", "explain idea to", "stpe by step", "configuration file", "outputs"];
            var groups = new (string Name, List<(string Query, bool Typo)> Queries)[]
            {
                ("synthetic words", [.. synthetic.Select(q => (q, false))]),
                ("judged queries", [.. judged.Select(j => (j.Query, j.Kind == QueryKind.Typo))]),
                // The worst a query can ask: twelve long words that match nothing, each tried as run-together
                // words and against the vocabulary for near spellings (two edits).
                ("hostile: 12 unknown long words", [(string.Join(' ', Enumerable.Range(0, 12).Select(i => $"stqxzvwkj{(char)('a' + i)}")), false),
                    (string.Join(' ', Enumerable.Range(0, 12).Select(i => $"configurashun{(char)('a' + i)}")), true)]),
            };
            var engines = Engines(content).ToList();
            var times = engines.ToDictionary(e => e.Name, _ => groups.Select(_ => new List<double>()).ToArray());
            for (var round = 0; round < 6; round++)
            {
                foreach (var engine in engines)
                {
                    for (var g = 0; g < groups.Length; g++)
                    {
                        foreach (var (query, typo) in groups[g].Queries)
                        {
                            var time = Time(() => engine.Search(query, typo));
                            if (round > 0) // the first round warms up
                            {
                                times[engine.Name][g].Add(time);
                            }
                        }
                    }
                }
            }
            Console.WriteLine(string.Create(culture, $"Search latency, one query at a time, 5 rounds after a warm-up ({string.Join(", ", groups.Select(g => $"{g.Name}: {g.Queries.Count}"))} queries; ours and main's cut 50 snippets, the peers return ids):"));
            Console.WriteLine();
            Console.WriteLine($"| engine | {string.Join(" | ", groups.Select(g => $"{g.Name} p50 | p99"))} |");
            Console.WriteLine($"|---|{string.Concat(groups.Select(_ => "---|---|"))}");
            foreach (var engine in engines)
            {
                Console.WriteLine(string.Create(culture,
                    $"| {engine.Name} | {string.Join(" | ", times[engine.Name].Select(t => $"{Percentile(t, 0.5):0.00} ms | {Percentile(t, 0.99):0.00} ms"))} |"));
                engine.Dispose();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The heap an object takes: the managed memory after making it less before, both after a full collection.</summary>
    private static long Measure(Func<object> make)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var made = make();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(made);
        return after - before;
    }

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * share))];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
