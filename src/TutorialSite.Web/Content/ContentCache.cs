using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TutorialSite.Web.Content;

/// <summary>
/// The last loaded snapshot's courses and tutorials, rendered, kept in the data folder (<c>content-cache.json</c>), so
/// that a restart parses only the files changed since: the cache serves as the "previous" snapshot of
/// <see cref="ContentLoader.Load"/>, which reuses a tutorial only while its file's size and time of last change are
/// the ones it was read with. Only this build of the site trusts its own cache (Markdown is rendered by code that
/// changes between builds), and a cache that cannot be read is ignored: the content is then parsed as on a first start.
/// </summary>
public static class ContentCache
{
    public const string FileName = "content-cache.json";

    /// <summary>
    /// Changes with every build of the site or of the libraries that render (Markdig, the highlighter, the YAML
    /// reader, the HTML sanitizer): a new build renders from the Markdown again.
    /// </summary>
    private static readonly string Build = string.Join('+',
        new[] { typeof(ContentCache), typeof(Markdig.Markdown), typeof(ColorCode.HtmlClassFormatter), typeof(YamlDotNet.RepresentationModel.YamlStream), typeof(Ganss.Xss.HtmlSanitizer) }
            .Select(t => t.Assembly.ManifestModule.ModuleVersionId));

    /// <summary>The cached snapshot of <paramref name="root"/>, or null when there is none this build can use.</summary>
    public static ContentSnapshot? Read(string file, string root, bool includeDrafts)
    {
        if (!File.Exists(file))
        {
            return null;
        }
        using var stream = File.OpenRead(file);
        var cached = JsonSerializer.Deserialize(stream, Json.Cached);
        return cached is not null && cached.Build == Build && cached.Root == root && cached.IncludeDrafts == includeDrafts
            ? new ContentSnapshot(root, cached.Courses, [])
            : null;
    }

    /// <summary>Writes the snapshot whole, then moves it into place: a reader never sees half a cache.</summary>
    public static void Write(string file, ContentSnapshot snapshot, bool includeDrafts)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = $"{file}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        using (var stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(stream, new Cached(Build, snapshot.Root, includeDrafts, snapshot.Courses), Json.Cached);
        }
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>HTML is written as it is (the file is never served), not as <c>\u003C</c> escapes.</summary>
    private static readonly CacheJson Json = new(new JsonSerializerOptions(CacheJson.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    internal sealed record Cached(string Build, string Root, bool IncludeDrafts, IReadOnlyList<Course> Courses);

    /// <summary>A tutorial's anchors: a set, which System.Text.Json cannot create behind an interface.</summary>
    internal sealed class StringSetConverter : JsonConverter<IReadOnlySet<string>>
    {
        public override IReadOnlySet<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("a set of strings is an array");
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                set.Add(reader.GetString() ?? throw new JsonException("a set of strings holds strings"));
            }
            return set;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlySet<string> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var item in value)
            {
                writer.WriteStringValue(item);
            }
            writer.WriteEndArray();
        }
    }
}

// A cache with a field missing or null where none can be is refused, not turned into half a tutorial.
[JsonSourceGenerationOptions(IncludeFields = true, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true,
    Converters = [typeof(ContentCache.StringSetConverter)])]
[JsonSerializable(typeof(ContentCache.Cached))]
internal sealed partial class CacheJson : JsonSerializerContext;
