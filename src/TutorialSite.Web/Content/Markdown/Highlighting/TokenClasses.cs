namespace TutorialSite.Web.Content.Markdown.Highlighting;

/// <summary>
/// TextMate scopes (hundreds, named differently by every grammar) reduced to a small, stable set of CSS classes
/// (<c>tok-keyword</c>, <c>tok-string</c>, …) whose colours site.css gives for the light and the dark theme. Classes,
/// not inline colours: the CSP forbids <c>style</c> attributes, and a theme switch needs no new HTML.
/// </summary>
public static class TokenClasses
{
    /// <summary>Every class a token can get (site.css colours each; a test checks their contrast in both themes).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "comment", "string", "number", "constant", "keyword", "type", "function", "tag", "attribute", "property",
        "variable", "inserted", "deleted", "heading", "prompt", "output",
    ];

    /// <summary>Marks a scope that ends the search: its text stays plain even inside a string or a comment.</summary>
    private const string Plain = "";

    /// <summary>Each class and the scope prefixes (whole dot-separated parts) that give it; the longest matching prefix wins.</summary>
    private static readonly Dictionary<string, string[]> ScopesByClass = new(StringComparer.Ordinal)
    {
        ["comment"] = ["comment", "punctuation.definition.comment"],
        ["string"] = ["string", "punctuation.definition.string", "constant.character.escape", "markup.inline.raw", "markup.underline.link"],
        // Code inside a string (`${x}`, `#{x}`) or embedded in a page is code again, not string; its delimiters are keywords.
        [Plain] = ["meta.template.expression", "meta.embedded", "meta.interpolation", "invalid"],
        ["keyword"] = ["keyword", "storage", "variable.language", "punctuation.definition.template-expression", "punctuation.section.embedded"],
        ["number"] = ["constant.numeric", "keyword.other.unit"],
        ["constant"] = ["constant", "support.constant", "variable.other.enummember"],
        // Operators (`=`, `=>`, `+`) stay plain; word operators (`typeof`, `new`, `in`) are keywords: see Of.
        [Operator] = ["keyword.operator", "storage.type.function.arrow"],
        ["type"] = ["entity.name.type", "entity.name.class", "entity.name.namespace", "entity.other.inherited-class", "support.type", "support.class"],
        ["property"] = ["support.type.property-name", "meta.object-literal.key"],
        ["function"] = ["entity.name.function", "support.function", "entity.name.command"],
        ["tag"] = ["entity.name.tag"],
        ["attribute"] = ["entity.other.attribute-name"],
        ["variable"] =
        [
            "variable.other.normal", "variable.other.special", "variable.other.positional", "variable.other.bracket",
            "variable.other.readwrite.instance", "variable.other.readwrite.global", "variable.other.readwrite.class",
            "variable.other.php", "punctuation.definition.variable",
        ],
        ["inserted"] = ["markup.inserted"],
        ["deleted"] = ["markup.deleted"],
        ["heading"] = ["markup.heading", "entity.name.section", "meta.diff.range", "meta.diff.header"],
        ["prompt"] = ["punctuation.separator.prompt", "entity.other.prompt-prefix"],
        ["output"] = ["meta.output"],
    };

    /// <summary>Scope prefixes and their class (<see cref="ScopesByClass"/> turned round; a scope named twice stops the start).</summary>
    internal static readonly IReadOnlyDictionary<string, string> Rules =
        ScopesByClass.SelectMany(c => c.Value.Select(scope => (Scope: scope, Class: c.Key))).ToDictionary(r => r.Scope, r => r.Class, StringComparer.Ordinal);

    private const string Operator = "operator";

    /// <summary>
    /// The class of a token: its innermost scope that a rule names decides (a quote inside a string is a string; a
    /// keyword inside a function's body is a keyword). Null for plain text.
    /// </summary>
    public static string? Of(IReadOnlyList<string> scopes, ReadOnlySpan<char> text)
    {
        for (var i = scopes.Count - 1; i >= 0; i--)
        {
            if (Match(scopes[i]) is not { } found)
            {
                continue;
            }
            if (found == Operator)
            {
                return IsWord(text) ? "keyword" : null;
            }
            return found.Length == 0 ? null : found;
        }
        return null;
    }

    /// <summary>The class of the longest rule that is a whole-part prefix of <paramref name="scope"/>.</summary>
    private static string? Match(string scope)
    {
        var candidate = scope.AsSpan();
        var lookup = Lookup;
        while (true)
        {
            if (lookup.TryGetValue(candidate, out var found))
            {
                return found;
            }
            var dot = candidate.LastIndexOf('.');
            if (dot <= 0)
            {
                return null;
            }
            candidate = candidate[..dot];
        }
    }

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        new Dictionary<string, string>(Rules, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool IsWord(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim();
        if (trimmed.IsEmpty)
        {
            return false;
        }
        foreach (var c in trimmed)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }
        return true;
    }
}
