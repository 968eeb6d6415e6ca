using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TutorialSite.Web.Content;

/// <summary>Front-matter keys, named once.</summary>
public static class FrontMatterKeys
{
    // A course's _index.md and its tutorials
    public const string Title = "title";
    public const string Description = "description";
    public const string Order = "order";
    public const string Aliases = "aliases";

    // Tutorials only
    public const string Updated = "updated";
    public const string Tags = "tags";
    public const string Draft = "draft";

    public static readonly IReadOnlySet<string> Course = new HashSet<string>(StringComparer.Ordinal) { Title, Description, Order, Aliases };
    public static readonly IReadOnlySet<string> Tutorial = new HashSet<string>(StringComparer.Ordinal) { Title, Description, Order, Updated, Tags, Draft, Aliases };
}

/// <summary>The YAML header of a course or tutorial file, validated.</summary>
public sealed record FrontMatter(
    string? Title,
    string? Description,
    int? Order,
    DateOnly? Updated,
    IReadOnlyList<string> Tags,
    bool Draft,
    IReadOnlyList<string> Aliases)
{
    public static readonly FrontMatter Empty = new(null, null, null, null, [], false, []);

    /// <summary>Parses <paramref name="yaml"/>, whose first line is line <paramref name="firstLine"/> of <paramref name="path"/>.</summary>
    /// <returns>The values that could be read; every problem is added to <paramref name="problems"/>.</returns>
    public static FrontMatter Parse(string yaml, int firstLine, string path, IReadOnlySet<string> allowedKeys, ICollection<ContentProblem> problems)
    {
        if (yaml.Length > ContentLimits.MaximumFrontMatterBytes)
        {
            problems.Add(new ContentProblem(path, firstLine, 0, Severity.Error,
                $"front matter is {yaml.Length:N0} characters long; it may be at most {ContentLimits.MaximumFrontMatterBytes:N0}: keep it to the keys in docs/authoring.md",
                Rules.FrontMatterTooComplex));
            return Empty;
        }
        YamlMappingNode map;
        var guard = new ShapeGuard(new Parser(new StringReader(yaml)), firstLine, path);
        try
        {
            var stream = new YamlStream();
            stream.Load(guard);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                return Empty;
            }
            if (stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                problems.Add(Problem(path, firstLine, stream.Documents[0].RootNode, Severity.Error,
                    "front matter must be `key: value` lines", Rules.FrontMatterYaml));
                return Empty;
            }
            map = root;
        }
        catch (YamlException e)
        {
            problems.Add(guard.TooComplex ?? Invalid(path, firstLine, e));
            return Empty;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // YamlDotNet throws these, without a position, for some malformed input such as an unclosed `[`
            // followed by more keys (its message then says only "Operation is not valid..."): point at the
            // first line that opens a bracket or quote it does not close.
            problems.Add(new ContentProblem(path, firstLine + UnclosedLine(yaml), 0, Severity.Error,
                "front matter is not valid YAML: a `[`, `{` or quote is not closed; write lists like `tags: [docker, images]` and quote text holding `:` or `#`",
                Rules.FrontMatterYaml));
            return Empty;
        }

        string? title = null, description = null;
        int? order = null;
        DateOnly? updated = null;
        var tags = new List<string>();
        var aliases = new List<string>();
        var draft = false;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (!allowedKeys.Contains(key))
            {
                problems.Add(Problem(path, firstLine, keyNode, Severity.Warning, Spelling.UnknownKey("front-matter", key, allowedKeys), Rules.UnknownKey));
                continue;
            }
            switch (key)
            {
                case FrontMatterKeys.Title: title = Scalar(value)?.Trim(); break;
                case FrontMatterKeys.Description: description = Scalar(value)?.Trim(); break;
                case FrontMatterKeys.Order:
                    if (int.TryParse(Scalar(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var o)) order = o;
                    else problems.Add(Problem(path, firstLine, value, Severity.Error, "`order` must be a whole number, like `order: 3`", Rules.FrontMatterValue));
                    break;
                case FrontMatterKeys.Updated:
                    if (DateOnly.TryParseExact(Scalar(value), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) updated = d;
                    else problems.Add(Problem(path, firstLine, value, Severity.Error, "`updated` must be a date written `YYYY-MM-DD`, like `updated: 2026-11-20`", Rules.FrontMatterValue));
                    break;
                case FrontMatterKeys.Tags:
                    if (value is YamlSequenceNode seq && seq.Children.All(c => c is YamlScalarNode))
                        tags.AddRange(seq.Children.Select(c => Scalar(c)!.Trim()).Where(t => t.Length > 0));
                    else if (value is YamlScalarNode { Value: { Length: > 0 } one }) tags.AddRange(one.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                    else problems.Add(Problem(path, firstLine, value, Severity.Error, "`tags` must be a list, like `tags: [docker, images]`", Rules.FrontMatterValue));
                    break;
                case FrontMatterKeys.Aliases:
                    var aliasValues = value is YamlSequenceNode list ? list.Children : [value];
                    foreach (var alias in aliasValues)
                    {
                        if (Scalar(alias)?.Trim().Trim('/') is { Length: > 0 } a && a.Split('/') is { Length: <= 2 } parts && parts.All(Markdown.Slug.IsValid))
                            aliases.Add(a);
                        else
                            problems.Add(Problem(path, firstLine, alias, Severity.Error,
                                "each alias is a former slug: `old-slug`, or `old-course/old-slug` for a tutorial that moved between courses, like `aliases: [old-slug]`",
                                Rules.FrontMatterValue));
                    }
                    break;
                case FrontMatterKeys.Draft:
                    if (bool.TryParse(Scalar(value), out var dr)) draft = dr;
                    else problems.Add(Problem(path, firstLine, value, Severity.Error, "`draft` must be `true` or `false`", Rules.FrontMatterValue));
                    break;
            }
        }
        return new FrontMatter(title, description, order, updated, tags, draft, aliases);
    }

    /// <summary>
    /// The parser's events as the nodes are built from them, refusing front matter too deeply nested or with too many
    /// aliases before the nodes are made: YAML aliases can expand a few lines into billions of nodes ("billion laughs")
    /// for whatever walks them, and nesting is recursion. A refusal is a <see cref="YamlException"/> at that place,
    /// with the problem to report in <see cref="TooComplex"/>.
    /// </summary>
    private sealed class ShapeGuard(Parser parser, int firstLine, string path) : IParser
    {
        private int depth;
        private int aliases;

        public ContentProblem? TooComplex { get; private set; }

        public YamlDotNet.Core.Events.ParsingEvent? Current => parser.Current;

        public bool MoveNext()
        {
            if (!parser.MoveNext())
            {
                return false;
            }
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.AnchorAlias when ++aliases > ContentLimits.MaximumFrontMatterAliases:
                    Refuse(parser.Current, $"front matter uses more than {ContentLimits.MaximumFrontMatterAliases} YAML aliases (`*name`); write the values out");
                    break;
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart when ++depth > ContentLimits.MaximumFrontMatterDepth:
                    Refuse(parser.Current, $"front matter is nested more than {ContentLimits.MaximumFrontMatterDepth} levels deep; its values are text, numbers, dates and lists");
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
            return true;
        }

        private void Refuse(YamlDotNet.Core.Events.ParsingEvent at, string message)
        {
            TooComplex = new(path, firstLine + (int)at.Start.Line - 1, (int)at.Start.Column, Severity.Error, message, Rules.FrontMatterTooComplex);
            throw new YamlException(at.Start, at.End, message);
        }
    }

    /// <summary>0-based index of the first line with more opening than closing brackets or an odd number of quotes.</summary>
    private static int UnclosedLine(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Count(c => c is '[' or '{') > line.Count(c => c is ']' or '}') || line.Count(c => c == '"') % 2 == 1)
            {
                return i;
            }
        }
        return 0;
    }

    private static ContentProblem Invalid(string path, int firstLine, YamlException e) =>
        new(path, firstLine + Math.Max((int)e.Start.Line, 1) - 1, (int)e.Start.Column, Severity.Error,
            $"front matter is not valid YAML: {FirstSentence(e.Message)}", Rules.FrontMatterYaml);

    private static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;

    private static ContentProblem Problem(string path, int firstLine, YamlNode node, Severity severity, string message, string rule) =>
        new(path, firstLine + (int)node.Start.Line - 1, (int)node.Start.Column, severity, message, rule);

    private static string FirstSentence(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 2, Col: 3, Idx: ...) - (...): "; the position is reported separately.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 ? message[(cut + 3)..] : message).TrimEnd('.');
    }
}
