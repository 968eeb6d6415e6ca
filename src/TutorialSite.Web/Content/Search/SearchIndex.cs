using System.Buffers;
using System.Collections;
using System.Text;

namespace TutorialSite.Web.Content.Search;

/// <summary>One search hit: the tutorial, its score and a snippet with the matches marked.</summary>
/// <param name="SnippetHtml">HTML-encoded text with <c>&lt;mark&gt;</c> around matched words.</param>
public sealed record SearchResult(Tutorial Tutorial, double Score, string SnippetHtml);

/// <summary>The results of one search, best first, and the spelling searched for when a word of the query matched nothing.</summary>
public sealed class SearchResults(IReadOnlyList<SearchResult> results, string? correctedQuery) : IReadOnlyList<SearchResult>
{
    public static SearchResults None { get; } = new([], null);

    /// <summary>The query with near spellings in place of words the index does not have; null when searched as typed.</summary>
    public string? CorrectedQuery => correctedQuery;

    public SearchResult this[int index] => results[index];

    public int Count => results.Count;

    public IEnumerator<SearchResult> GetEnumerator() => results.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// An in-memory inverted index over a content snapshot, built with it (so live reload rebuilds it) and
/// independent of the database. Ranking is BM25F: a word's occurrences weighted by field (title, description,
/// tags, headings, prose, code; <see cref="SearchWeights"/>), summed, then saturated, plus a bonus for query words
/// in the title. Terms are <see cref="SearchTerms"/> (plural stems, identifiers whole and split). A query word
/// the index lacks is tried as two run-together words ("mediaqueries"), then as a near spelling (one edit, two
/// for long words), and the results say which spelling they are for; the last word also matches as a prefix.
/// Results with every word come first, followed by those lacking one when they are few; the best 20 are then raised
/// by the query's words side by side in them and by the share of their title the query covers.
/// </summary>
public sealed class SearchIndex
{
    /// <summary>A longer query is cut to this many characters (and the search page says so).</summary>
    public const int MaxQueryLength = 200;

    /// <summary>The most results one search returns: the best ones.</summary>
    public const int MaxResults = 50;

    /// <summary>The most words of a query searched for; the rest are ignored.</summary>
    private const int MaxQueryWords = 12;

    private const int MaxPrefixTerms = 50;

    private const int MaxNearSpellings = 5;

    private readonly SearchWeights weights;
    private readonly Document[] documents;
    private readonly Dictionary<string, Posting[]> postings;
    private readonly string[] vocabulary;

    /// <summary>Each document's BM25 length normalization, computed once: K1 · (1 − B + B · length / average).</summary>
    private readonly double[] norms;

    private readonly Terms terms;

    /// <param name="documents">The tutorials of <paramref name="terms"/>' keys, in their order, from one snapshot.</param>
    private SearchIndex(Terms terms, Document[] documents)
    {
        this.terms = terms;
        this.documents = documents;
        (weights, postings, vocabulary, norms) = (terms.Weights, terms.Postings, terms.Vocabulary, terms.Norms);
    }

    /// <summary>
    /// What an index knows of the text: the postings, the vocabulary, each document's length and its tutorial's key
    /// (course, slug), never the tutorial itself. Snapshots whose tutorials have the same text (the first start's
    /// batches change only HTML) share one (<see cref="Shared"/>), each resolving the keys in its own snapshot: no
    /// index keeps an old snapshot's tutorials, and their HTML, alive.
    /// </summary>
    private sealed class Terms
    {
        public SearchWeights Weights { get; }

        public (string Course, string Slug)[] Keys { get; }

        public Dictionary<string, Posting[]> Postings { get; }

        public string[] Vocabulary { get; }

        public double[] Norms { get; }

        public Terms(IEnumerable<Tutorial> tutorials, SearchWeights weights)
        {
            Weights = weights;
            var keys = new List<(string, string)>();
            var lists = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
            // Per tutorial, reused: a string is made only for a term new to the tutorial.
            var sums = new Dictionary<string, float>(StringComparer.Ordinal);
            var sumsBySpan = sums.GetAlternateLookup<ReadOnlySpan<char>>();
            var titleTerms = new HashSet<string>(StringComparer.Ordinal);
            var titleBySpan = titleTerms.GetAlternateLookup<ReadOnlySpan<char>>();
            var lengths = new List<int>();
            foreach (var tutorial in tutorials)
            {
                sums.Clear();
                titleTerms.Clear();
                var length = 0;
                var fields = new (string Text, double Weight)[]
                {
                    (tutorial.Title, weights.Title),
                    (tutorial.Description ?? "", weights.Description),
                    (string.Join(' ', tutorial.Tags), weights.Tags),
                    (tutorial.SearchText.Headings, weights.Headings),
                    (tutorial.SearchText.Prose, weights.Prose),
                    (tutorial.SearchText.Code, weights.Code),
                };
                for (var f = 0; f < fields.Length; f++)
                {
                    var weight = (float)fields[f].Weight;
                    var isTitle = f == 0;
                    SearchTerms.Each(fields[f].Text, (term, isWord) =>
                    {
                        sumsBySpan[term] = sumsBySpan.TryGetValue(term, out var sum) ? sum + weight : weight;
                        if (isTitle)
                        {
                            titleBySpan.Add(term);
                        }
                        length += isWord ? 1 : 0;
                    });
                }
                var id = keys.Count;
                keys.Add((tutorial.CourseSlug, tutorial.Slug));
                lengths.Add(length);
                foreach (var (term, sum) in sums)
                {
                    if (!lists.TryGetValue(term, out var list))
                    {
                        lists[term] = list = [];
                    }
                    list.Add(new Posting(id, titleTerms.Contains(term), sum));
                }
            }
            Keys = [.. keys];
            Postings = lists.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
            Vocabulary = [.. Postings.Keys.Order(StringComparer.Ordinal)];
            var average = lengths.Count == 0 ? 1 : Math.Max(1, lengths.Average());
            Norms = [.. lengths.Select(l => weights.K1 * (1 - weights.B + weights.B * l / average))];
        }

        /// <summary>The index over <paramref name="content"/>'s tutorials, or null when one of the keys is not there.</summary>
        public SearchIndex? For(ContentSnapshot content)
        {
            var documents = new Document[Keys.Length];
            for (var i = 0; i < documents.Length; i++)
            {
                if (content.FindTutorial(Keys[i].Course, Keys[i].Slug) is not { } tutorial)
                {
                    return null;
                }
                documents[i] = new Document(tutorial);
            }
            return new SearchIndex(this, documents);
        }
    }

    public static SearchIndex Build(ContentSnapshot content) => Build(content, SearchWeights.Default);

    /// <summary>An index ranked with other weights: for the relevance benchmark, which fits them.</summary>
    public static SearchIndex Build(ContentSnapshot content, SearchWeights weights) => new Terms(content.Tutorials, weights).For(content)!;

    /// <summary>Whether this index and <paramref name="other"/> were built once, from the same text (tests).</summary>
    internal bool SharesTermsWith(SearchIndex other) => ReferenceEquals(terms, other.terms);

    /// <summary>
    /// The terms shared by snapshots with the same text: built once, by the first of them that is searched
    /// (<see cref="ContentSnapshot.Search"/>); each snapshot's index resolves them in its own tutorials.
    /// </summary>
    internal sealed class Shared
    {
        private Terms? terms;
        private object? gate;

        public SearchIndex For(ContentSnapshot content) =>
            LazyInitializer.EnsureInitialized(ref terms, ref gate, () => new Terms(content.Tutorials, SearchWeights.Default)).For(content)
            // Not the same tutorials after all: an index of their own.
            ?? Build(content);
    }

    /// <summary>
    /// Whether two snapshots have the same tutorials (by key, in order) with the same text, title, description and
    /// tags: all that an index is built from. A batch of the first start's pass renders HTML again and nothing else.
    /// </summary>
    internal static bool SameText(ContentSnapshot a, ContentSnapshot b)
    {
        using var x = a.Tutorials.GetEnumerator();
        using var y = b.Tutorials.GetEnumerator();
        while (x.MoveNext())
        {
            if (!y.MoveNext() || !SameText(x.Current, y.Current))
            {
                return false;
            }
        }
        return !y.MoveNext();
    }

    private static bool SameText(Tutorial a, Tutorial b) =>
        ReferenceEquals(a, b)
        || (a.CourseSlug == b.CourseSlug && a.Slug == b.Slug && a.Title == b.Title && a.Description == b.Description
            && a.Tags.SequenceEqual(b.Tags, StringComparer.Ordinal)
            && (ReferenceEquals(a.SearchText, b.SearchText)
                || (a.SearchText.Headings == b.SearchText.Headings && a.SearchText.ProseUtf8.SequenceEqual(b.SearchText.ProseUtf8)
                    && a.SearchText.CodeUtf8.SequenceEqual(b.SearchText.CodeUtf8))));


    public int Count => documents.Length;

    /// <summary>Ranked results for <paramref name="query"/>, optionally only in one course or with one tag.</summary>
    /// <param name="asTyped">No near spellings: the words exactly as typed (the "search instead for" link).</param>
    public SearchResults Search(string query, string? course = null, string? tag = null, int limit = MaxResults, bool asTyped = false)
    {
        var words = Parse(query.Length > MaxQueryLength ? query[..MaxQueryLength] : query, asTyped);
        if (words.Count == 0)
        {
            return SearchResults.None;
        }
        // Scores by document number: arrays, not dictionaries, since a common word is in every document.
        var n = documents.Length;
        var scores = new double[n];
        var matched = new int[n];
        var best = new double[n];
        var sum = new double[n];
        var count = new int[n];
        foreach (var word in words)
        {
            Array.Clear(best);
            foreach (var alternative in word.Alternatives)
            {
                if (alternative.Terms.Length == 1)
                {
                    AddScores(alternative.Terms[0], alternative.Closeness, best, max: true);
                    continue;
                }
                // Several terms that must all be there: an identifier's words, or run-together words.
                Array.Clear(sum);
                Array.Clear(count);
                foreach (var term in alternative.Terms)
                {
                    AddScores(term, 1, sum, max: false);
                    foreach (var posting in postings[term])
                    {
                        count[posting.Document]++;
                    }
                }
                for (var d = 0; d < n; d++)
                {
                    if (count[d] == alternative.Terms.Length)
                    {
                        best[d] = Math.Max(best[d], sum[d] * alternative.Closeness);
                    }
                }
            }
            for (var d = 0; d < n; d++)
            {
                if (best[d] > 0)
                {
                    scores[d] += best[d];
                    matched[d] += word.IsStopWord ? 0 : 1;
                }
            }
        }
        var candidates = Enumerable.Range(0, n)
            .Where(d => scores[d] > 0
                && (course is null || documents[d].Tutorial.CourseSlug == course)
                && (tag is null || documents[d].Tutorial.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase)))
            .ToList();
        if (candidates.Count == 0)
        {
            return new SearchResults([], Corrected(words, top: null));
        }
        // Every word must match when some document has them all; otherwise the best partial matches. Words like
        // "the" or "with" are not required: they only add. When fewer than a page of results have every word,
        // those that lack one follow them: a lesson that says "mutate" where the query says "mutation" is better
        // than no tenth result (the ones with every word stay first).
        var needed = candidates.Max(d => matched[d]);
        var ranked = candidates.Where(d => matched[d] == needed)
            .OrderByDescending(d => scores[d]).ThenBy(d => documents[d].Tutorial.Title, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
        if (ranked.Count < Math.Min(limit, weights.FillBelow) && needed >= 2)
        {
            ranked.AddRange(candidates.Where(d => matched[d] == needed - 1)
                .OrderByDescending(d => scores[d]).ThenBy(d => documents[d].Tutorial.Title, StringComparer.Ordinal)
                .Take(limit - ranked.Count));
        }
        var terms = words.SelectMany(w => w.Alternatives).SelectMany(a => a.Terms).ToHashSet(StringComparer.Ordinal);
        var phrases = weights.Phrase > 0 ? Phrases(query) : [];
        if (phrases.Count > 0 || weights.TitleCover > 0)
        {
            ranked = Rescore(ranked, scores, matched, phrases, terms);
        }
        // Snippets start at a word as typed where the text has one ("outputtype", not the "output" before it).
        var marked = new Marked(terms, words.SelectMany(w => w.Alternatives.Take(1)).SelectMany(a => a.Terms).ToHashSet(StringComparer.Ordinal));
        return new SearchResults([.. ranked.Select(d => new SearchResult(documents[d].Tutorial, scores[d], Snippet(documents[d], marked)))],
            Corrected(words, ranked[0]));
    }

    /// <summary>How many of the best results are looked at for the query's words side by side.</summary>
    private const int PhraseWindow = 20;

    /// <summary>Each two neighbouring words of the query as typed, lower case ("css variables").</summary>
    private static List<string> Phrases(string query)
    {
        var tokens = SearchTerms.Tokens(query.Length > MaxQueryLength ? query[..MaxQueryLength] : query);
        var phrases = new List<string>();
        for (var i = 1; i < Math.Min(tokens.Count, MaxQueryWords); i++)
        {
            phrases.Add($"{tokens[i - 1]} {tokens[i]}".ToLowerInvariant());
        }
        return phrases;
    }

    /// <summary>
    /// The best results again, each raised by the share of the query's neighbouring words it has side by side
    /// (in its title, description, headings or prose): "css variables" is a lesson about them, not one with
    /// variables in the title and CSS somewhere. Postings hold no positions (memory), so the text of these few
    /// results is searched. And by the share of its title's words that the query has: a page titled "Server
    /// Components" is about what "server components" asks, a long page that says both words often is not.
    /// </summary>
    private List<int> Rescore(List<int> ranked, double[] scores, int[] matched, List<string> phrases, HashSet<string> terms)
    {
        var utf8 = phrases.Select(Encoding.UTF8.GetBytes).ToList();
        var lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        var window = Math.Min(PhraseWindow, ranked.Count);
        for (var r = 0; r < window; r++)
        {
            var tutorial = documents[ranked[r]].Tutorial;
            var found = 0;
            for (var p = 0; p < phrases.Count; p++)
            {
                var prose = tutorial.SearchText.ProseUtf8;
                found += HasPhrase(tutorial.Title, phrases[p]) || HasPhrase(tutorial.Description ?? "", phrases[p])
                    || HasPhrase(tutorial.SearchText.Headings, phrases[p])
                    || HasPhrase(prose, utf8[p]) ? 1 : 0;
            }
            scores[ranked[r]] *= 1 + (phrases.Count == 0 ? 0 : weights.Phrase * found / phrases.Count);
            if (weights.TitleCover > 0)
            {
                var (covered, all) = (0, 0);
                SearchTerms.Each(tutorial.Title, (term, isWord) =>
                {
                    if (isWord && !SearchTerms.IsStopWord(term))
                    {
                        all++;
                        covered += lookup.Contains(term) ? 1 : 0;
                    }
                });
                scores[ranked[r]] *= 1 + (all == 0 ? 0 : weights.TitleCover * covered / all);
            }
        }
        // Those with more of the query's words stay ahead of those with fewer (the partial matches after a short list).
        return [.. ranked.Take(window).OrderByDescending(d => matched[d]).ThenByDescending(d => scores[d]).ThenBy(d => documents[d].Tutorial.Title, StringComparer.Ordinal),
            .. ranked.Skip(window)];
    }

    /// <summary>Whether <paramref name="phrase"/> begins a word of <paramref name="text"/> (ignoring case).</summary>
    private static bool HasPhrase(ReadOnlySpan<char> text, string phrase)
    {
        for (var at = 0; text[at..].IndexOf(phrase, StringComparison.OrdinalIgnoreCase) is var found && found >= 0; at += found + 1)
        {
            if (at + found == 0 || !char.IsLetterOrDigit(text[at + found - 1]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether <paramref name="phrase"/> (lower-case UTF-8) begins a word of <paramref name="text"/>, ignoring the
    /// case of ASCII letters: a vectorized search for its first letter either way, then a comparison. No decoding.
    /// </summary>
    private static bool HasPhrase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> phrase)
    {
        var (lower, upper) = (phrase[0], (byte)char.ToUpperInvariant((char)phrase[0]));
        if (!Ascii.IsValid(phrase))
        {
            return text.IndexOf(phrase) is var exact && exact >= 0; // as written, for words beyond ASCII
        }
        for (var at = 0; text[at..].IndexOfAny(lower, upper) is var found && found >= 0; at += found + 1)
        {
            var start = at + found;
            if (text.Length - start >= phrase.Length && Ascii.EqualsIgnoreCase(text.Slice(start, phrase.Length), phrase)
                && (start == 0 || !char.IsAsciiLetterOrDigit((char)text[start - 1])))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The query as searched, when a word was replaced by near spellings: for each, the one the best result has
    /// ("recat router": react, not recap), or else the most common.
    /// </summary>
    private string? Corrected(List<QueryWord> words, int? top) =>
        words.Any(w => w.NearSpellings.Length > 0)
            ? string.Join(' ', words.Select(w => w.NearSpellings.Length == 0
                ? w.Typed
                : w.NearSpellings.FirstOrDefault(t => top is { } d && Array.BinarySearch(postings[t], new Posting(d, false, 0), PostingOrder.Instance) >= 0)
                    ?? w.NearSpellings[0]))
            : null;

    /// <summary>Postings by document, to find one in a list (lists are in document order).</summary>
    private sealed class PostingOrder : IComparer<Posting>
    {
        public static PostingOrder Instance { get; } = new();

        public int Compare(Posting x, Posting y) => x.Document.CompareTo(y.Document);
    }

    /// <summary>Adds (or keeps the larger of) each document's BM25F score for <paramref name="term"/>.</summary>
    private void AddScores(string term, double closeness, double[] into, bool max)
    {
        var list = postings[term];
        var idf = Math.Log(1 + (documents.Length - list.Length + 0.5) / (list.Length + 0.5));
        var k1 = weights.K1;
        var bonus = weights.TitleBonus * idf;
        foreach (var posting in list)
        {
            var d = posting.Document;
            var score = (idf * posting.Weight * (k1 + 1) / (posting.Weight + norms[d]) + (posting.InTitle ? bonus : 0)) * closeness;
            into[d] = max ? Math.Max(into[d], score) : into[d] + score;
        }
    }

    /// <summary>A word of the query as typed, and the index terms that stand for it.</summary>
    /// <param name="NearSpellings">What was searched instead, when the index lacks the word: most common first.</param>
    private sealed record QueryWord(string Typed, bool IsStopWord, List<Alternative> Alternatives, string[] NearSpellings);

    /// <summary>Terms that together stand for a query word (all must be in a document), and how close a match that is.</summary>
    private sealed record Alternative(string[] Terms, double Closeness);

    private List<QueryWord> Parse(string query, bool asTyped)
    {
        var tokens = SearchTerms.Tokens(query).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxQueryWords).ToList();
        var words = new List<QueryWord>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var typed = tokens[i];
            var terms = new List<(string Term, bool IsWord)>();
            SearchTerms.Each(typed, (term, isWord) => terms.Add((term.ToString(), isWord)));
            if (terms.Count == 0)
            {
                continue;
            }
            words.Add(terms.Count == 1
                ? Word(typed, terms[0].Term, isLast: i == tokens.Count - 1, asTyped)
                : Identifier(typed, terms));
        }
        return words;
    }

    /// <summary>
    /// An identifier (<c>each_with_index</c>, <c>useEffect</c>): found whole where the index has it whole, or as
    /// its words all in one tutorial.
    /// </summary>
    private QueryWord Identifier(string typed, List<(string Term, bool IsWord)> terms)
    {
        var alternatives = new List<Alternative>();
        // Whole as the index has it: the separators dropped (each_with_index is eachwithindex).
        var whole = SearchTerms.Term(string.Concat(typed.Split(['.', '_', '-'])));
        // Its words: between the separators, or else a camelCase word's parts.
        var words = terms.Where(t => t.IsWord).Select(t => t.Term).Distinct().ToArray();
        var parts = words.Length > 1 ? words : [.. terms.Where(t => !t.IsWord && t.Term != whole).Select(t => t.Term).Distinct()];
        var partsFound = parts.Length > 0 && parts.All(postings.ContainsKey);
        if (postings.ContainsKey(whole))
        {
            // The index has the words of every identifier it has whole: where the identifier is, it scores both,
            // so a page that has its words only apart never outranks it.
            alternatives.Add(new(partsFound ? [whole, .. parts] : [whole], 1));
        }
        if (partsFound)
        {
            alternatives.Add(new(parts, 1));
        }
        return new QueryWord(typed, false, alternatives, []);
    }

    private QueryWord Word(string typed, string term, bool isLast, bool asTyped)
    {
        var alternatives = new List<Alternative>();
        var exact = postings.ContainsKey(term);
        if (exact)
        {
            alternatives.Add(new([term], 1));
        }
        var lower = typed.ToLowerInvariant();
        if (isLast && lower.Length >= 2)
        {
            // While typing: longer words the last one begins ("cont" for "container").
            var closeness = exact ? weights.PrefixOfAWord : weights.Prefix;
            var start = Array.BinarySearch(vocabulary, lower, StringComparer.Ordinal);
            for (var i = start < 0 ? ~start : start; i < vocabulary.Length && vocabulary[i].StartsWith(lower, StringComparison.Ordinal) && alternatives.Count < MaxPrefixTerms; i++)
            {
                if (vocabulary[i] != term)
                {
                    alternatives.Add(new([vocabulary[i]], closeness));
                }
            }
        }
        string[] near = [];
        // Run-together words: for a word the index lacks, or has only as a rare joined identifier ("commandline"
        // from a few "command-line" against many "command line"): then both are searched.
        if (RunTogether(lower, exact ? postings[term].Length : 0) is { } split)
        {
            alternatives.Add(new(split, 1));
        }
        else if (!exact && alternatives.Count == 0 && !asTyped)
        {
            near = NearSpellings(lower, term);
            alternatives.AddRange(near.Select(t => new Alternative([t], weights.Fuzzy)));
        }
        return new QueryWord(typed, SearchTerms.IsStopWord(term), alternatives, near);
    }

    /// <summary>
    /// Two words of the index written as one ("mediaqueries", "reactrouter"): of the ways to cut it, the one whose
    /// halves are together in the most tutorials, and in more than <paramref name="atLeast"/>. Halves are of three
    /// letters or more: "recat" is a near spelling of react, not re + cat.
    /// </summary>
    private string[]? RunTogether(string word, int atLeast)
    {
        string[]? best = null;
        var bestCount = atLeast;
        for (var cut = 3; cut <= word.Length - 3 && word.Length >= 6; cut++)
        {
            var left = SearchTerms.Term(word.AsSpan(0, cut));
            var right = SearchTerms.Term(word.AsSpan(cut));
            if (postings.TryGetValue(left, out var a) && postings.TryGetValue(right, out var b) && CommonDocuments(a, b) is var common && common > bestCount)
            {
                (best, bestCount) = ([left, right], common);
            }
        }
        return best;
    }

    /// <summary>How many documents two posting lists share (both are in document order).</summary>
    private static int CommonDocuments(Posting[] a, Posting[] b)
    {
        var (i, j, common) = (0, 0, 0);
        while (i < a.Length && j < b.Length)
        {
            var (x, y) = (a[i].Document, b[j].Document);
            common += x == y ? 1 : 0;
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }
        return common;
    }

    /// <summary>
    /// The index words nearest in spelling to one it lacks, the most common first: one edit away (a missing, extra,
    /// wrong or swapped letter) for words of four letters or more, else two for words of seven or more (then
    /// keeping the first letter). Which of them is meant, the other words of the query decide by ranking.
    /// </summary>
    private string[] NearSpellings(string word, string term)
    {
        if (word.Length < 4)
        {
            return [];
        }
        // As typed, as stemmed, and without a plural s ("promsies" is one swap from "promise" + s).
        string[] forms = [.. new[] { word, term, word.TrimEnd('s') }.Distinct()];
        var found = new List<(string Term, int Distance)>();
        var twoEdits = word.Length >= 7;
        foreach (var candidate in vocabulary)
        {
            // Loops, not LINQ: this runs for every word of the vocabulary.
            var distance = int.MaxValue;
            foreach (var form in forms)
            {
                if (Spelling.OneEditApart(candidate, form))
                {
                    distance = 1;
                    break;
                }
                if (twoEdits && candidate.Length >= 5 && candidate[0] == word[0] && Math.Abs(candidate.Length - form.Length) <= 2)
                {
                    distance = Math.Min(distance, Distance(candidate, form, 2));
                }
            }
            if (distance <= 2)
            {
                found.Add((candidate, distance));
            }
        }
        return found.Count == 0
            ? []
            : [.. found.Where(f => f.Distance == found.Min(x => x.Distance))
                .OrderByDescending(f => postings[f.Term].Length).ThenBy(f => f.Term, StringComparer.Ordinal)
                .Take(MaxNearSpellings).Select(f => f.Term)];
    }

    /// <summary>Edits between two words (a letter missing, extra, wrong, or two neighbours swapped), or more than <paramref name="limit"/>.</summary>
    private static int Distance(string a, string b, int limit)
    {
        Span<int> before = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > limit)
            {
                return limit + 1;
            }
            var spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return previous[b.Length];
    }

    /// <summary>The index terms a query matched, to find and mark in the text.</summary>
    private sealed class Marked
    {
        private readonly SearchValues<string> anywhere;
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;
        private readonly SearchValues<string>? firstAnywhere;
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> firstLookup;

        /// <param name="first">The terms a snippet starts at when the text has one (the words as typed).</param>
        public Marked(HashSet<string> terms, HashSet<string> first)
        {
            lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
            anywhere = Beginnings(terms);
            firstLookup = first.GetAlternateLookup<ReadOnlySpan<char>>();
            firstAnywhere = first.SetEquals(terms) ? null : Beginnings(first);
        }

        // Where a word of the text may begin: a term is the beginning of its words, but for "query" of "queries".
        private static SearchValues<string> Beginnings(HashSet<string> terms) =>
            SearchValues.Create([.. terms.Select(t => t.Length > 2 && t.EndsWith('y') ? t[..^1] : t).Distinct()], StringComparison.OrdinalIgnoreCase);

        public bool IsMarked(ReadOnlySpan<char> word) => Has(lookup, word);

        private static bool Has(HashSet<string>.AlternateLookup<ReadOnlySpan<char>> set, ReadOnlySpan<char> word)
        {
            Span<char> lower = word.Length <= 64 ? stackalloc char[word.Length + 1] : new char[word.Length + 1];
            var length = word.ToLowerInvariant(lower);
            return set.Contains(SearchTerms.Stem(lower[..length], lower));
        }

        /// <summary>Where the first marked word starts in <paramref name="text"/> (a word as typed if there is one), or -1.</summary>
        public int First(ReadOnlySpan<char> text) =>
            firstAnywhere is { } typed && First(text, typed, firstLookup) is var at && at >= 0 ? at : First(text, anywhere, lookup);

        /// <remarks>A vectorized search for the terms, then a check that one is a whole word there.</remarks>
        private static int First(ReadOnlySpan<char> text, SearchValues<string> beginnings, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> set)
        {
            for (var at = 0; at < text.Length;)
            {
                var found = text[at..].IndexOfAny(beginnings);
                if (found < 0)
                {
                    return -1;
                }
                var start = at + found;
                var wordStart = start == 0 || !char.IsLetterOrDigit(text[start - 1]);
                if (wordStart && Has(set, text.Slice(start, WordLength(text[start..]))))
                {
                    return start;
                }
                at = start + 1;
            }
            return -1;
        }
    }

    /// <summary>The length of the word <paramref name="text"/> starts with: letters and digits, then any # or +.</summary>
    private static int WordLength(ReadOnlySpan<char> text)
    {
        var length = 0;
        while (length < text.Length && char.IsLetterOrDigit(text[length]))
        {
            length++;
        }
        while (length > 0 && length < text.Length && text[length] is '#' or '+')
        {
            length++;
        }
        return length;
    }

    /// <remarks>Called for every result shown: the text is decoded into a pooled buffer and walked through spans.</remarks>
    private static string Snippet(Document document, Marked marked)
    {
        var text = document.Tutorial.SearchText;
        var prose = text.ProseUtf8;
        var code = text.CodeUtf8;
        var buffer = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(prose.Length + code.Length) + 1);
        try
        {
            var length = Encoding.UTF8.GetChars(prose, buffer);
            buffer[length++] = '\n';
            length += Encoding.UTF8.GetChars(code, buffer.AsSpan(length));
            var chars = buffer.AsSpan(0, length);
            chars.Replace('\n', ' '); // a line a block: a space between them in a snippet
            return Snippet(chars, marked);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static string Snippet(ReadOnlySpan<char> text, Marked marked)
    {
        var (start, end) = Snippets.Window(text, marked.First(text));
        var window = text[start..end].Trim();
        var html = Snippets.Begin(start);
        for (var at = 0; at < window.Length;)
        {
            var wordLength = char.IsLetterOrDigit(window[at]) && (at == 0 || !char.IsLetterOrDigit(window[at - 1])) ? WordLength(window[at..]) : 0;
            if (wordLength == 0)
            {
                var next = at + 1;
                while (next < window.Length && !char.IsLetterOrDigit(window[next]))
                {
                    next++;
                }
                Snippets.AppendEncoded(html, window[at..next]);
                at = next;
                continue;
            }
            var word = window.Slice(at, wordLength);
            Snippets.AppendWord(html, word, marked.IsMarked(word));
            at += wordLength;
        }
        return Snippets.End(html, end, text.Length);
    }

    private sealed record Document(Tutorial Tutorial);

    /// <summary>A term in a document: the weighted sum of its occurrences, and whether the title has it (the low bit).</summary>
    private readonly struct Posting(int document, bool inTitle, float weight)
    {
        private readonly int packed = document << 1 | (inTitle ? 1 : 0);

        public int Document => packed >> 1;

        public bool InTitle => (packed & 1) != 0;

        public float Weight { get; } = weight;
    }
}
