using System.Buffers;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

using TutorialSite.Web.Content;
using TutorialSite.Web.Content.Search;

namespace TutorialSite.Bench.Relevance;

// A copy, on purpose: main's index before issue #19 (3f8c92e), frozen as the relevance benchmark's baseline (its ranking
// and its HTML-to-text must stay as they were, so it cannot share the site's). Only renamed, its result type with it;
// its snippets (Snippets) and one-typo test (Spelling.OneEditApart) are the site's, the same then as now (the word
// itself never reaches that test: it would have matched). Not the site's code.
#pragma warning disable

/// <summary>One search hit: the tutorial, its score and a snippet with the matches marked.</summary>
/// <param name="SnippetHtml">HTML-encoded text with <c>&lt;mark&gt;</c> around matched words.</param>
public sealed record MainSearchResult(Tutorial Tutorial, double Score, string SnippetHtml);

/// <summary>
/// An in-memory inverted index over a content snapshot, built with it (so live reload rebuilds it) and
/// independent of the database. Ranking is BM25 over fields weighted by where a word appears (title, then
/// description, then takeaways, tasks and FAQ, then the body); the last word of a query also matches as a
/// prefix, and a word with no match finds words one typo away.
/// </summary>
public sealed partial class MainSearchIndex
{
    public const int MaxQueryLength = 200;

    /// <summary>The most results one search returns: the best ones.</summary>
    public const int MaxResults = 50;

    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly List<Document> documents = [];
    private readonly Dictionary<string, Posting[]> postings;
    private readonly string[] vocabulary;
    private readonly double averageLength;

    private MainSearchIndex(IEnumerable<Tutorial> tutorials)
    {
        var lists = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        foreach (var tutorial in tutorials)
        {
            var body = Text(tutorial.BodyHtml.ToString());
            var sections = string.Join(' ', tutorial.Sections.Select(s => Text(Html(s))));
            var fields = new (string Text, double Weight)[]
            {
                (tutorial.Title, 5),
                (tutorial.Description ?? "", 3),
                (string.Join(' ', tutorial.Tags), 3),
                (sections, 2),
                (body, 1),
            };
            // Counted through spans: a string is made only for a word new to this tutorial.
            var weights = new Dictionary<string, double>(StringComparer.Ordinal);
            var lookup = weights.GetAlternateLookup<ReadOnlySpan<char>>();
            var length = 0;
            foreach (var (text, weight) in fields)
            {
                var lower = text.ToLowerInvariant();
                foreach (var match in WordPattern().EnumerateMatches(lower))
                {
                    var word = lower.AsSpan(match.Index, match.Length);
                    if (IsWord(word))
                    {
                        lookup[word] = lookup.TryGetValue(word, out var sum) ? sum + weight : weight;
                        length++;
                    }
                }
            }
            var id = documents.Count;
            documents.Add(new Document(tutorial, Encoding.UTF8.GetBytes(body + " " + sections), length));
            foreach (var (word, weight) in weights)
            {
                if (!lists.TryGetValue(word, out var list))
                {
                    lists[word] = list = [];
                }
                list.Add(new Posting(id, (float)weight)); // a sum of whole weights: exact as a float
            }
        }
        postings = lists.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        vocabulary = [.. postings.Keys.Order(StringComparer.Ordinal)];
        averageLength = documents.Count == 0 ? 1 : documents.Average(d => d.Length);
    }

    public static MainSearchIndex Build(ContentSnapshot content) => new(content.Tutorials);

    public int Count => documents.Count;

    /// <summary>Ranked results for <paramref name="query"/>, optionally only in one course or with one tag.</summary>
    public IReadOnlyList<MainSearchResult> Search(string query, string? course = null, string? tag = null, int limit = MaxResults)
    {
        var words = Words(query.Length > MaxQueryLength ? query[..MaxQueryLength] : query).Distinct().Take(12).ToList();
        if (words.Count == 0)
        {
            return [];
        }
        // Each query word stands for the index words it matches: itself, as a prefix (last word), or a near typo.
        var expansions = words.Select((w, i) => Expand(w, prefix: i == words.Count - 1)).ToList();
        // Scores by document number: arrays, not dictionaries, since a common word is in every document.
        var scores = new double[documents.Count];
        var matched = new int[documents.Count];
        var best = new double[documents.Count];
        foreach (var expansion in expansions)
        {
            Array.Clear(best);
            foreach (var (term, closeness) in expansion)
            {
                var list = postings[term];
                var idf = Math.Log(1 + (documents.Count - list.Length + 0.5) / (list.Length + 0.5));
                foreach (var posting in list)
                {
                    var length = documents[posting.Document].Length;
                    var tf = posting.Weight * (K1 + 1) / (posting.Weight + K1 * (1 - B + B * length / averageLength));
                    best[posting.Document] = Math.Max(best[posting.Document], idf * tf * closeness);
                }
            }
            for (var d = 0; d < best.Length; d++)
            {
                if (best[d] > 0)
                {
                    scores[d] += best[d];
                    matched[d]++;
                }
            }
        }
        var candidates = Enumerable.Range(0, documents.Count)
            .Where(d => matched[d] > 0
                && (course is null || documents[d].Tutorial.CourseSlug == course)
                && (tag is null || documents[d].Tutorial.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase)))
            .ToList();
        if (candidates.Count == 0)
        {
            return [];
        }
        // Every word must match when some document has them all; otherwise the best partial matches.
        var needed = candidates.Max(d => matched[d]);
        var marked = new Marked(expansions.SelectMany(e => e.Select(t => t.Term)).ToHashSet(StringComparer.Ordinal));
        return [.. candidates.Where(d => matched[d] == needed)
            .OrderByDescending(d => scores[d]).ThenBy(d => documents[d].Tutorial.Title, StringComparer.Ordinal)
            .Take(limit)
            .Select(d => new MainSearchResult(documents[d].Tutorial, scores[d], Snippet(documents[d], marked)))];
    }

    private List<(string Term, double Closeness)> Expand(string word, bool prefix)
    {
        var terms = new List<(string, double)>();
        if (postings.ContainsKey(word))
        {
            terms.Add((word, 1));
        }
        if (prefix && word.Length >= 2)
        {
            var start = Array.BinarySearch(vocabulary, word, StringComparer.Ordinal);
            for (var i = start < 0 ? ~start : start + 1; i < vocabulary.Length && vocabulary[i].StartsWith(word, StringComparison.Ordinal) && terms.Count < 50; i++)
            {
                terms.Add((vocabulary[i], 0.8));
            }
        }
        if (terms.Count == 0 && word.Length >= 4)
        {
            // Typo tolerance: words one edit away (a missing, extra, wrong or swapped letter).
            terms.AddRange(vocabulary.Where(v => Spelling.OneEditApart(v, word)).Select(v => (v, 0.6)));
        }
        return terms;
    }

    /// <summary>The index words a query matched, to find and mark in the text.</summary>
    private sealed class Marked(HashSet<string> words)
    {
        private readonly SearchValues<string> anywhere = SearchValues.Create([.. words], StringComparison.OrdinalIgnoreCase);
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();

        public bool IsMarked(ReadOnlySpan<char> word)
        {
            Span<char> lower = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
            word.ToLowerInvariant(lower);
            return lookup.Contains(lower);
        }

        /// <summary>Where the first marked word starts in <paramref name="text"/>, or -1.</summary>
        /// <remarks>A vectorized search for the terms, then a check that one is a whole word there.</remarks>
        public int First(ReadOnlySpan<char> text)
        {
            for (var at = 0; at < text.Length;)
            {
                var found = text[at..].IndexOfAny(anywhere);
                if (found < 0)
                {
                    return -1;
                }
                var start = at + found;
                var word = WordPattern().EnumerateMatches(text[start..]);
                var wordStart = start == 0 || !(char.IsLetter(text[start - 1]) || char.IsNumber(text[start - 1]));
                if (wordStart && word.MoveNext() && word.Current.Index == 0 && IsMarked(text.Slice(start, word.Current.Length)))
                {
                    return start;
                }
                at = start + 1;
            }
            return -1;
        }
    }

    /// <remarks>Called for every result shown: the text is decoded into a pooled buffer and walked through spans.</remarks>
    private static string Snippet(Document document, Marked marked)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(document.Utf8Text.Length));
        try
        {
            return Snippet(buffer.AsSpan(0, Encoding.UTF8.GetChars(document.Utf8Text, buffer)), marked);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static string Snippet(ReadOnlySpan<char> text, Marked marked)
    {
        var (start, end) = Snippets.Window(text, marked.First(text));
        var window = text[start..end];
        var html = Snippets.Begin(start);
        var at = 0;
        foreach (var match in WordPattern().EnumerateMatches(window))
        {
            Snippets.AppendEncoded(html, window[at..match.Index]);
            var word = window.Slice(match.Index, match.Length);
            Snippets.AppendWord(html, word, marked.IsMarked(word));
            at = match.Index + match.Length;
        }
        Snippets.AppendEncoded(html, window[at..]);
        return Snippets.End(html, end, text.Length);
    }

    /// <summary>Visible text of this site's own rendered HTML (not a sanitizer: the input is ours).</summary>
    /// <remarks>
    /// Inline tags go without a trace (the highlighter's spans sit inside words: <c>HashSet&lt;string&gt;</c>);
    /// block tags leave a space, so that the words of two paragraphs or cells stay apart.
    /// </remarks>
    private static string Text(string html) =>
        Whitespace().Replace(WebUtility.HtmlDecode(Tag().Replace(InlineTag().Replace(html, ""), " ")), " ").Trim();

    /// <summary>A section as the page shows it: a checklist is its heading, its intro and its items.</summary>
    private static string Html(RenderedSection section) => section.IsChecklist
        ? $"<h2>{section.Title}</h2>{section.IntroHtml}{string.Concat(section.Items.Select(i => $"<li>{i.Html}</li>"))}"
        : section.Html.ToString();

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => IsWord(w));

    /// <summary>Single letters are left out (too common to mean anything); single digits are kept.</summary>
    private static bool IsWord(ReadOnlySpan<char> word) => word.Length > 1 || char.IsDigit(word[0]);

    /// <param name="Utf8Text">The text snippets are cut from, as UTF-8: half the memory, decoded only for the results shown.</param>
    private sealed record Document(Tutorial Tutorial, byte[] Utf8Text, int Length);

    private readonly record struct Posting(int Document, float Weight);

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[#+]+)?")]
    private static partial Regex WordPattern();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"</?(?:a|abbr|b|code|em|i|kbd|mark|s|small|span|strong|sub|sup)\b[^>]*>")]
    private static partial Regex InlineTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
