namespace TutorialSite.Web.Content.Search;

/// <summary>
/// The numbers the ranking is made of. The defaults were fitted on one judged query set (The Odin Project) and
/// checked on another (javascript.info) by the relevance benchmark (bench/relevance/README.md); change them only
/// with it, and record the run in docs/benchmarks.md.
/// </summary>
public sealed record SearchWeights
{
    public static SearchWeights Default { get; } = new();

    // How much one occurrence of a word weighs by where it is (BM25F: summed, then saturated).
    public double Title { get; init; } = 7.5;

    public double Description { get; init; } = 3;

    public double Tags { get; init; } = 3;

    public double Headings { get; init; } = 2;

    public double Prose { get; init; } = 0.5;

    public double Code { get; init; } = 0.5;

    /// <summary>BM25's saturation: how soon more occurrences stop adding.</summary>
    public double K1 { get; init; } = 1.2;

    /// <summary>BM25's length normalization: 0 ignores a tutorial's length, 1 divides by it fully.</summary>
    public double B { get; init; } = 0.188;

    /// <summary>Added, times the word's rarity, for each query word in the title: a lesson about it, not a mention.</summary>
    public double TitleBonus { get; init; }

    /// <summary>A best result's score is raised by this share when it has all the query's words side by side (a part for some).</summary>
    public double Phrase { get; init; } = 0.1;

    /// <summary>A best result's score is raised by this share when every word of its title is a query word (a part for some).</summary>
    public double TitleCover { get; init; } = 1;

    /// <summary>A longer word the last query word begins (results while typing).</summary>
    public double Prefix { get; init; } = 0.8;

    /// <summary>The same, when the last word is also a whole word of the index: then it most likely is the word meant.</summary>
    public double PrefixOfAWord { get; init; } = 0.3;

    /// <summary>Fewer results than this with every query word are followed by the best that lack one (0: never).</summary>
    public int FillBelow { get; init; } = 10;

    /// <summary>A near spelling, for a word the index does not have.</summary>
    public double Fuzzy { get; init; } = 0.6;
}
