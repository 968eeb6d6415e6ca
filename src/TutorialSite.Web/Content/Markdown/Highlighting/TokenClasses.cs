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

    /// <summary>Scope prefixes (whole dot-separated parts) and their class; the longest matching prefix wins.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Rules = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["comment"] = "comment",
        ["punctuation.definition.comment"] = "comment",
        ["string"] = "string",
        ["punctuation.definition.string"] = "string",
        ["constant.character.escape"] = "string",
        ["markup.inline.raw"] = "string",
        ["markup.underline.link"] = "string",
        // Code inside a string (`${x}`, `#{x}`) or embedded in a page is code again, not string.
        ["meta.template.expression"] = Plain,
        ["meta.embedded"] = Plain,
        ["meta.interpolation"] = Plain,
        ["punctuation.definition.template-expression"] = "keyword",
        ["punctuation.section.embedded"] = "keyword",
        ["constant.numeric"] = "number",
        ["keyword.other.unit"] = "number",
        ["constant"] = "constant",
        ["support.constant"] = "constant",
        ["variable.other.enummember"] = "constant",
        ["keyword"] = "keyword",
        ["storage"] = "keyword",
        ["variable.language"] = "keyword",
        // Operators (`=`, `=>`, `+`) stay plain; word operators (`typeof`, `new`, `in`) are keywords: see Of.
        ["keyword.operator"] = Operator,
        ["storage.type.function.arrow"] = Operator,
        ["entity.name.type"] = "type",
        ["entity.name.class"] = "type",
        ["entity.name.namespace"] = "type",
        ["entity.other.inherited-class"] = "type",
        ["support.type"] = "type",
        ["support.class"] = "type",
        ["support.type.property-name"] = "property",
        ["meta.object-literal.key"] = "property",
        ["entity.name.function"] = "function",
        ["support.function"] = "function",
        ["entity.name.command"] = "function",
        ["entity.name.tag"] = "tag",
        ["entity.other.attribute-name"] = "attribute",
        ["variable.other.normal"] = "variable",
        ["variable.other.special"] = "variable",
        ["variable.other.positional"] = "variable",
        ["variable.other.bracket"] = "variable",
        ["variable.other.readwrite.instance"] = "variable",
        ["variable.other.readwrite.global"] = "variable",
        ["variable.other.readwrite.class"] = "variable",
        ["variable.other.php"] = "variable",
        ["punctuation.definition.variable"] = "variable",
        ["markup.inserted"] = "inserted",
        ["markup.deleted"] = "deleted",
        ["markup.heading"] = "heading",
        ["entity.name.section"] = "heading",
        ["meta.diff.range"] = "heading",
        ["meta.diff.header"] = "heading",
        ["punctuation.separator.prompt"] = "prompt",
        ["entity.other.prompt-prefix"] = "prompt",
        ["meta.output"] = "output",
        ["invalid"] = Plain,
    };

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
