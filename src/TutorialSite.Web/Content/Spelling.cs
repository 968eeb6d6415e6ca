namespace TutorialSite.Web.Content;

/// <summary>"Did you mean …?" for editors' typos.</summary>
public static class Spelling
{
    /// <summary>The candidate closest to <paramref name="word"/>, if it is plausibly a typo of it.</summary>
    public static string? Nearest(string word, IEnumerable<string> candidates)
    {
        // No candidates (a link into a course that does not exist) is no suggestion, not an empty MinBy's exception.
        var best = candidates.Select(c => (c, d: Distance(word.ToLowerInvariant(), c.ToLowerInvariant()))).OrderBy(x => x.d).FirstOrDefault();
        return best.c is not null && best.d <= Math.Max(2, best.c.Length / 3) ? best.c : null;
    }

    /// <summary>What to tell an editor about a key a file may not have: the key meant, or else the keys there are.</summary>
    /// <param name="whose">Whose keys they are, as the message says it: <c>front-matter</c>, <c>site</c>.</param>
    public static string UnknownKey(string whose, string key, IReadOnlySet<string> known) =>
        $"unknown {whose} key `{key}`" + (Nearest(key, known) is { } near ? $"; did you mean `{near}`?" : $"; known keys: {string.Join(", ", known.Order())}");

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    public static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> differ by one letter missing, extra or wrong, or two
    /// neighbours swapped (never when they are equal). Linear and allocation-free: search runs it over its whole vocabulary.
    /// </summary>
    public static bool OneEditApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return false;
        }
        var prefix = a.AsSpan().CommonPrefixLength(b);
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }
        // What differs, between the common beginning and the common end.
        var restA = a.Length - prefix - suffix;
        var restB = b.Length - prefix - suffix;
        return (restA <= 1 && restB <= 1)
            || (restA == 2 && restB == 2 && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix]);
    }
}
