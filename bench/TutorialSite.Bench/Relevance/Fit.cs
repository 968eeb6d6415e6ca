using System.Globalization;
using TutorialSite.Web.Content;
using TutorialSite.Web.Content.Search;

namespace TutorialSite.Bench.Relevance;

/// <summary>
/// Fits <see cref="SearchWeights"/> on ONE judged set by coordinate descent: each number in turn is scaled up and
/// down, and a change is kept when MRR@10 over all the set's queries (hit@1 breaking ties) improves. Prints the
/// best weights found, to be copied into <see cref="SearchWeights"/>'s defaults and checked on the other set.
/// </summary>
public static class Fit
{
    // No zero: every field says something about a tutorial (a site's descriptions are written by hand).
    private static readonly double[] Factors = [0.25, 0.5, 0.75, 1.5, 2, 4];

    private static readonly (string Name, Func<SearchWeights, double> Get, Func<SearchWeights, double, SearchWeights> Set)[] Parameters =
    [
        ("Title", w => w.Title, (w, v) => w with { Title = v }),
        ("Description", w => w.Description, (w, v) => w with { Description = v }),
        ("Headings", w => w.Headings, (w, v) => w with { Headings = v }),
        ("Prose", w => w.Prose, (w, v) => w with { Prose = v }),
        ("Code", w => w.Code, (w, v) => w with { Code = v }),
        ("K1", w => w.K1, (w, v) => w with { K1 = v }),
        ("B", w => w.B, (w, v) => w with { B = Math.Min(1, v) }),
        ("TitleBonus", w => w.TitleBonus, (w, v) => w with { TitleBonus = v == 0 && w.TitleBonus == 0 ? 0.5 : v }),
        ("Prefix", w => w.Prefix, (w, v) => w with { Prefix = Math.Min(1, v) }),
        ("PrefixOfAWord", w => w.PrefixOfAWord, (w, v) => w with { PrefixOfAWord = Math.Min(1, v) }),
        ("Fuzzy", w => w.Fuzzy, (w, v) => w with { Fuzzy = Math.Min(1, v) }),
    ];

    public static int Run(string file, string folder)
    {
        var content = ContentLoader.Load(folder, includeDrafts: false);
        var judgments = Judgments.Read(file);
        Judgments.Check(file, judgments, content);
        var best = SearchWeights.Default;
        var bestScore = Evaluate(content, judgments, best);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start: MRR@10 {bestScore.Mrr:0.000}, hit@1 {bestScore.Hit1:0.000}"));
        for (var round = 0; round < 3; round++)
        {
            var improved = false;
            foreach (var (name, get, set) in Parameters)
            {
                foreach (var factor in Factors)
                {
                    var trial = set(best, Math.Round(get(best) * factor, 3));
                    if (trial == best)
                    {
                        continue;
                    }
                    var score = Evaluate(content, judgments, trial);
                    if (score.Mrr > bestScore.Mrr + 1e-9 || (Math.Abs(score.Mrr - bestScore.Mrr) < 1e-9 && score.Hit1 > bestScore.Hit1))
                    {
                        (best, bestScore, improved) = (trial, score, true);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} = {get(best)}: MRR@10 {bestScore.Mrr:0.000}, hit@1 {bestScore.Hit1:0.000}"));
                    }
                }
            }
            if (!improved)
            {
                break;
            }
        }
        Console.WriteLine(best);
        return 0;
    }

    /// <summary>The same descent for the peers' field weights, on the same set: each peer at its best.</summary>
    public static int Peers(string file, string folder)
    {
        var content = ContentLoader.Load(folder, includeDrafts: false);
        var judgments = Judgments.Read(file);
        Judgments.Check(file, judgments, content);
        using var fts5 = new Fts5Engine(content);
        using var lucene = new LuceneEngine(content);
        Descend(fts5.Name, judgments, fts5, () => fts5.Weights, w => fts5.Weights = w);
        Descend(lucene.Name, judgments, lucene, () => lucene.Boosts, w => lucene.Boosts = w);
        return 0;
    }

    private static void Descend(string name, IReadOnlyList<Judgment> judgments, IEngine engine, Func<double[]> get, Action<double[]> set)
    {
        Scores Evaluate() => Scores.Of(judgments, j => engine.Search(j.Query, j.Kind == QueryKind.Typo));
        var best = get();
        var bestScore = Evaluate();
        for (var round = 0; round < 3; round++)
        {
            var improved = false;
            for (var i = 0; i < best.Length; i++)
            {
                foreach (var factor in Factors)
                {
                    var trial = best.ToArray();
                    trial[i] = Math.Round(trial[i] * factor, 3);
                    set(trial);
                    var score = Evaluate();
                    if (score.Mrr > bestScore.Mrr + 1e-9 || (Math.Abs(score.Mrr - bestScore.Mrr) < 1e-9 && score.Hit1 > bestScore.Hit1))
                    {
                        (best, bestScore, improved) = (trial, score, true);
                    }
                }
            }
            if (!improved)
            {
                break;
            }
        }
        set(best);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: [{string.Join(", ", best)}] MRR@10 {bestScore.Mrr:0.000}, hit@1 {bestScore.Hit1:0.000}"));
    }

    private static Scores Evaluate(ContentSnapshot content, IReadOnlyList<Judgment> judgments, SearchWeights weights)
    {
        var index = SearchIndex.Build(content, weights);
        return Scores.Of(judgments, j => [.. index.Search(j.Query, limit: 10).Select(r => r.Tutorial.Id.ToString())]);
    }
}
