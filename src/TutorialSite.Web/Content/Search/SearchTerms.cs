namespace TutorialSite.Web.Content.Search;

/// <summary>
/// How text becomes index terms, the same for tutorials and queries: lower case, a light English plural stem
/// ("closures" and "closure" are one term), and identifiers both whole and split — <c>each_with_index</c>,
/// <c>package.json</c>, <c>grid-template-columns</c> and <c>useEffect</c> are each one term as written (the
/// separators dropped: <c>eachwithindex</c>) and also their words; a member of a chain
/// (<c>fruits.each_with_index</c>) is one too.
/// </summary>
public static class SearchTerms
{
    /// <summary>A term found in a text.</summary>
    /// <param name="isWord">A word as written (counted in the text's length); otherwise an identifier's whole or a camelCase part.</param>
    public delegate void Sink(ReadOnlySpan<char> term, bool isWord);

    /// <summary>Words that say little in a query: they add to a score but are not required to match.</summary>
    private static readonly HashSet<string> StopWords = new(
        ["an", "and", "are", "as", "at", "be", "by", "do", "for", "from", "how", "in", "is", "it", "of", "on", "or", "the", "to", "vs", "what", "with"],
        StringComparer.Ordinal);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsStopWord(ReadOnlySpan<char> term) => StopLookup.Contains(term);

    /// <summary>Every term of <paramref name="text"/>, in order.</summary>
    public static void Each(string text, Sink sink)
    {
        Span<char> buffer = stackalloc char[128];
        for (var at = 0; NextToken(text, ref at) is var (start, length) && length > 0;)
        {
            var token = text.AsSpan(start, length);
            if (token.Length > buffer.Length)
            {
                continue; // not a word anyone searches for: a hash, a data URL
            }
            var parts = 0;
            var joined = 0;
            foreach (var range in token.SplitAny("._-"))
            {
                var part = token[range];
                if (part.IsEmpty)
                {
                    continue;
                }
                Emit(part, isWord: true, sink);
                EachCamelPart(part, sink);
                part.CopyTo(buffer[joined..]);
                joined += part.Length;
                parts++;
            }
            if (parts > 1)
            {
                Emit(buffer[..joined], isWord: false, sink);
            }
            if (token.Contains('.') && token.ContainsAny("_-"))
            {
                // A member of a chain is an identifier of its own: fruits.each_with_index has each_with_index.
                foreach (var range in token.Split('.'))
                {
                    EmitJoined(token[range], buffer, sink);
                }
            }
        }
    }

    /// <summary>An identifier with _ or - as one term, the separators dropped.</summary>
    private static void EmitJoined(ReadOnlySpan<char> identifier, Span<char> buffer, Sink sink)
    {
        if (!identifier.ContainsAny("_-"))
        {
            return;
        }
        var joined = 0;
        foreach (var range in identifier.SplitAny("_-"))
        {
            identifier[range].CopyTo(buffer[joined..]);
            joined += identifier[range].Length;
        }
        Emit(buffer[..joined], isWord: false, sink);
    }

    /// <summary>The parts of a camelCase word (<c>addEventListener</c>: add, event, listener; <c>XMLHttpRequest</c>: xml, http, request).</summary>
    private static void EachCamelPart(ReadOnlySpan<char> word, Sink sink)
    {
        var start = 0;
        for (var i = 1; i < word.Length; i++)
        {
            var boundary = (char.IsLower(word[i - 1]) && char.IsUpper(word[i]))
                || (char.IsUpper(word[i - 1]) && char.IsUpper(word[i]) && i + 1 < word.Length && char.IsLower(word[i + 1]));
            if (boundary)
            {
                Emit(word[start..i], isWord: false, sink);
                start = i;
            }
        }
        if (start > 0)
        {
            Emit(word[start..], isWord: false, sink);
        }
    }

    private static void Emit(ReadOnlySpan<char> word, bool isWord, Sink sink)
    {
        // Single letters say nothing (a, s of "it's"); single digits do (step 1, HTTP 2).
        if (word.Length < 2 && !(word.Length == 1 && char.IsDigit(word[0])))
        {
            return;
        }
        Span<char> lower = stackalloc char[word.Length + 1];
        var length = word.ToLowerInvariant(lower);
        sink(Stem(lower[..length], lower), isWord);
    }

    /// <summary>The term of one lower-case word, in place: "closures" is "closure", "queries" "query", "classes" "class".</summary>
    /// <param name="room">The word's buffer, with room for one more character.</param>
    public static ReadOnlySpan<char> Stem(ReadOnlySpan<char> word, Span<char> room)
    {
        if (word.Length > 4 && word.EndsWith("ies"))
        {
            room[word.Length - 3] = 'y';
            return room[..(word.Length - 2)];
        }
        if (word.Length > 4 && (word.EndsWith("sses") || word.EndsWith("ches") || word.EndsWith("shes") || word.EndsWith("xes")))
        {
            return word[..^2];
        }
        if (word.Length > 3 && word[^1] == 's' && !(word.EndsWith("ss") || word.EndsWith("us") || word.EndsWith("is")))
        {
            return word[..^1];
        }
        return word;
    }

    /// <summary>The term of one word as a string (for queries).</summary>
    public static string Term(ReadOnlySpan<char> word)
    {
        Span<char> lower = stackalloc char[word.Length + 1];
        var length = word.ToLowerInvariant(lower);
        return Stem(lower[..length], lower).ToString();
    }

    /// <summary>The words and identifiers of <paramref name="text"/>, as written.</summary>
    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        for (var at = 0; NextToken(text, ref at) is var (start, length) && length > 0;)
        {
            tokens.Add(text.Substring(start, length));
        }
        return tokens;
    }

    /// <summary>
    /// The next word or identifier from <paramref name="at"/> on (length 0 when there is none): letters and digits
    /// (with a trailing # or +, for C# and C++), joined by . _ or - when a letter or digit follows. A hand-written
    /// scan: a regular expression took a quarter of a second over 2,000 tutorials.
    /// </summary>
    private static (int Start, int Length) NextToken(ReadOnlySpan<char> text, ref int at)
    {
        while (at < text.Length && !char.IsLetterOrDigit(text[at]))
        {
            at++;
        }
        var start = at;
        while (at < text.Length)
        {
            while (at < text.Length && char.IsLetterOrDigit(text[at]))
            {
                at++;
            }
            while (at < text.Length && text[at] is '#' or '+')
            {
                at++;
            }
            if (at + 1 < text.Length && text[at] is '.' or '_' or '-' && char.IsLetterOrDigit(text[at + 1]))
            {
                at++;
                continue;
            }
            break;
        }
        return (start, at - start);
    }
}
