using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Markdig.Extensions.Yaml;
using Markdig.Helpers;
using Markdig.Syntax;
using TutorialSite.Web.Content.Markdown;
using TutorialSite.Web.Content.Markdown.TutorialSections;

namespace TutorialSite.Web.Content.Search;

/// <summary>
/// What search reads of a tutorial, taken from its Markdig syntax tree when the file is parsed: the text a reader
/// sees, never markup (raw HTML blocks and inline tags are left out, not escaped), in three fields weighted apart.
/// Kept as UTF-8, like the rendered HTML: a snapshot holds it for every tutorial.
/// </summary>
[JsonConverter(typeof(Json))]
public sealed class SearchText
{
    private readonly byte[] prose;
    private readonly byte[] code;

    private SearchText(string headings, byte[] prose, byte[] code) => (Headings, this.prose, this.code) = (headings, prose, code);

    public static SearchText Empty { get; } = new("", [], []);

    /// <summary>Every heading of the page and every FAQ question, a line each.</summary>
    public string Headings { get; }

    /// <summary>Paragraphs, list items, table cells, checklist items and FAQ answers, inline code included: a line each.</summary>
    public string Prose => Encoding.UTF8.GetString(prose);

    /// <summary>The code blocks, a line each.</summary>
    public string Code => Encoding.UTF8.GetString(code);

    internal ReadOnlySpan<byte> ProseUtf8 => prose;

    internal ReadOnlySpan<byte> CodeUtf8 => code;

    /// <summary>The bytes held for prose and code (the benchmark reports the memory search text takes).</summary>
    public int ProseUtf8Length => prose.Length;

    public int CodeUtf8Length => code.Length;

    public static SearchText Of(string headings, string prose, string code) =>
        new(headings, Encoding.UTF8.GetBytes(prose), Encoding.UTF8.GetBytes(code));

    public static SearchText Of(MarkdownDocument document)
    {
        var headings = new StringBuilder();
        var prose = new StringBuilder();
        var code = new StringBuilder();
        foreach (var block in document.Descendants<Block>())
        {
            switch (block)
            {
                case YamlFrontMatterBlock or HtmlBlock:
                    break;
                case CodeBlock codeBlock:
                    AppendTrimmed(code, codeBlock.Lines);
                    code.Append('\n');
                    break;
                case HeadingBlock heading:
                    InlineText.AppendTo(headings, heading.Inline);
                    headings.Append('\n');
                    break;
                case FaqItem faq: // its question's heading left the tree when the FAQ was shaped
                    InlineText.AppendTo(headings, faq.Question.Inline);
                    headings.Append('\n');
                    break;
                case LeafBlock leaf when InlineText.AppendTo(prose, leaf.Inline):
                    prose.Append('\n');
                    break;
            }
        }
        return Of(TrimmedEnd(headings), TrimmedEnd(prose), TrimmedEnd(code));
    }

    /// <summary>The block's lines, a line each, without white space at either end (as <c>Lines.ToString().Trim()</c>, without the string).</summary>
    private static void AppendTrimmed(StringBuilder text, StringLineGroup lines)
    {
        var start = text.Length;
        for (var i = 0; i < lines.Count; i++)
        {
            text.Append(i > 0 ? "\n" : "").Append(lines.Lines[i].Slice.AsSpan());
        }
        var leading = 0;
        while (start + leading < text.Length && char.IsWhiteSpace(text[start + leading]))
        {
            leading++;
        }
        text.Remove(start, leading);
        TrimEnd(text, start);
    }

    private static string TrimmedEnd(StringBuilder text)
    {
        TrimEnd(text, 0);
        return text.ToString();
    }

    private static void TrimEnd(StringBuilder text, int start)
    {
        while (text.Length > start && char.IsWhiteSpace(text[^1]))
        {
            text.Length--;
        }
    }

    /// <summary>An object of three strings in the content cache, readable as the rest of it.</summary>
    internal sealed class Json : JsonConverter<SearchText>
    {
        public override SearchText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            string? headings = null, prose = null, code = null;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("search text is an object");
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                var value = reader.GetString() ?? throw new JsonException("search text holds strings");
                _ = name switch
                {
                    "headings" => headings = value,
                    "prose" => prose = value,
                    "code" => code = value,
                    _ => throw new JsonException($"search text has no `{name}`"),
                };
            }
            return headings is null || prose is null || code is null
                ? throw new JsonException("search text has headings, prose and code")
                : Of(headings, prose, code);
        }

        public override void Write(Utf8JsonWriter writer, SearchText value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("headings", value.Headings);
            writer.WriteString("prose", value.prose);
            writer.WriteString("code", value.code);
            writer.WriteEndObject();
        }
    }
}
