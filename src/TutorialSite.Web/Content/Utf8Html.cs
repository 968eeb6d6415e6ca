using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Html;

namespace TutorialSite.Web.Content;

/// <summary>
/// HTML rendered from Markdown, kept as UTF-8: about half the memory of a string for this mostly-ASCII text, and a
/// snapshot holds every page of it. Razor writes it as it is (no <c>Html.Raw</c>); decoding costs only when a page is
/// rendered, once per snapshot, since rendered pages are cached.
/// </summary>
[JsonConverter(typeof(Json))]
public sealed class Utf8Html : IHtmlContent
{
    private readonly byte[] utf8;

    private Utf8Html(byte[] utf8) => this.utf8 = utf8;

    public static Utf8Html Empty { get; } = new([]);

    public static Utf8Html From(string html) => html.Length == 0 ? Empty : new(Encoding.UTF8.GetBytes(html));

    public void WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(ToString());

    /// <summary>The HTML as a string.</summary>
    public override string ToString() => Encoding.UTF8.GetString(utf8);

    /// <summary>A JSON string holding the HTML (the content cache stays readable), written from and read into UTF-8.</summary>
    internal sealed class Json : JsonConverter<Utf8Html>
    {
        public override Utf8Html Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? From(reader.GetString()!) : throw new JsonException("HTML is a string");

        public override void Write(Utf8JsonWriter writer, Utf8Html value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.utf8);
    }
}
