namespace TutorialSite.Web.Content.Search;

/// <summary>
/// The numbers the ranking is made of, a line for each step they tune. The defaults were fitted on one judged query
/// set (The Odin Project) and checked on another (javascript.info) by the relevance benchmark
/// (bench/relevance/README.md); change them only with it, and record the run in docs/benchmarks.md.
/// </summary>
public sealed record SearchWeights(
    // How much one occurrence of a word weighs by where it is (BM25F: summed, then saturated).
    double Title = 7.5, double Description = 3, double Tags = 3, double Headings = 2, double Prose = 0.5, double Code = 0.5,
    // BM25's saturation (how soon more occurrences stop adding) and length normalization (0 ignores a tutorial's
    // length, 1 divides by it fully).
    double K1 = 1.2, double B = 0.188,
    // Added, times the word's rarity, for each query word in the title: a lesson about it, not a mention.
    double TitleBonus = 0,
    // A best result's score is raised by these shares (a part for some) when it has all the query's words side by
    // side, and when every word of its title is a query word.
    double Phrase = 0.1, double TitleCover = 1,
    // A longer word the last query word begins (results while typing); less when the last word is also a whole word
    // of the index: then it most likely is the word meant.
    double Prefix = 0.8, double PrefixOfAWord = 0.3,
    // Fewer results than this with every query word are followed by the best that lack one (0: never).
    int FillBelow = 10,
    // A near spelling, for a word the index does not have.
    double Fuzzy = 0.6)
{
    public static SearchWeights Default { get; } = new();
}
