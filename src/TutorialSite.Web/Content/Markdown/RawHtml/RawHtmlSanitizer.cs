using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using TutorialSite.Web.Content.Markdown.SafeLinks;

namespace TutorialSite.Web.Content.Markdown.RawHtml;

/// <summary>What cleaning one file's HTML found: what was removed and where, the ids and the links left.</summary>
public sealed class RawHtmlFindings
{
    public List<MarkdownIssue> Issues { get; } = [];

    /// <summary>Every id the cleaned pieces with raw HTML have (Markdig's and the editor's).</summary>
    public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids the editor wrote that are gone, with why: a fragment link to one gets that as its explanation.</summary>
    public Dictionary<string, string> RemovedIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Links and images written as raw HTML that survived, with their Markdown place (1-based).</summary>
    public List<(string Url, int Line, int Column, bool IsImage)> Links { get; } = [];
}

/// <summary>
/// Cleans rendered HTML that holds raw HTML from the Markdown with HtmlSanitizer and <see cref="RawHtmlPolicy"/>. The
/// piece is parsed as a browser would, from the block where its raw HTML starts to the end of the block where it ends
/// (<see cref="RawHtmlSourceMap.Segment"/>), so a <c>&lt;div&gt;</c> opened in one HTML block and closed in another
/// keeps the Markdown between them; the result is serialized again, so every element is closed inside that stretch and
/// nothing can reach past it into the page. Elements Markdig wrote (outside the
/// <see cref="RawHtmlSourceMap"/>'s stretches) are this site's own and keep their attributes; the editor's are held to
/// the policy, and each removal is reported at its Markdown line. A piece without raw HTML is returned as it is:
/// Markdig escapes all text, and <see cref="SafeLinksExtension"/> has checked its links.
/// </summary>
public static class RawHtmlSanitizer
{
    // Parsed as a body, like HtmlSanitizer itself does: a leading <title> or <meta> stays where it is reported.
    private const string Prefix = "<!doctype html><html><body>";

    private static readonly HtmlSanitizerOptions Options = new()
    {
        AllowedTags = new HashSet<string>(RawHtmlPolicy.Tags, StringComparer.OrdinalIgnoreCase),
        AllowedAttributes = new HashSet<string>(RawHtmlPolicy.Attributes, StringComparer.OrdinalIgnoreCase),
        AllowedSchemes = new HashSet<string>(RawHtmlPolicy.Schemes, StringComparer.OrdinalIgnoreCase),
        AllowedClasses = new HashSet<string>(RawHtmlPolicy.Classes, StringComparer.Ordinal),
        AllowedCssProperties = new HashSet<string>(),
        AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        UriAttributes = new HashSet<string>(["href", "src", "cite"], StringComparer.OrdinalIgnoreCase),
    };

    /// <summary>The elements, attributes, URL schemes and classes the sanitizer is configured to keep (a test holds docs/authoring.md to them).</summary>
    public static IEnumerable<string> AllowedTags => Options.AllowedTags.Select(t => t);

    /// <inheritdoc cref="AllowedTags"/>
    public static IEnumerable<string> AllowedAttributes => Options.AllowedAttributes.Select(a => a);

    /// <inheritdoc cref="AllowedTags"/>
    public static IEnumerable<string> AllowedSchemes => Options.AllowedSchemes.Select(s => s);

    /// <inheritdoc cref="AllowedTags"/>
    public static IEnumerable<string> AllowedClasses => Options.AllowedClasses.Select(c => c);

    public static string Clean(string html, RawHtmlSourceMap? map, RawHtmlFindings findings)
    {
        if (map is null || map.IsEmpty)
        {
            return html;
        }
        var (from, to) = map.Segment(html.Length);
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        var document = parser.ParseDocument(string.Concat(Prefix, html.AsSpan(from, to - from)));
        var body = document.Body!;
        var cleaning = new Cleaning(html, from, map, findings);

        cleaning.ApplyPolicy(body);
        var sanitizer = new HtmlSanitizer(Options) { KeepChildNodes = false };
        sanitizer.RemovingTag += (_, e) => e.Cancel = cleaning.Removing(e.Tag, null, RawHtmlPolicy.WhyRemoved(e.Tag.LocalName));
        sanitizer.RemovingAttribute += (_, e) => e.Cancel = cleaning.Removing(e.Tag, $"attribute `{e.Attribute.Name}`", WhyRemoved(e.Attribute, e.Reason));
        sanitizer.RemovingCssClass += (_, e) => e.Cancel = cleaning.Removing(e.Tag, $"class `{e.CssClass}`", WhyRemovedClass);
        sanitizer.SanitizeDom(document, body);
        cleaning.Collect(body);
        cleaning.ReportRemovals();
        var output = new StringWriter();
        output.Write(html.AsSpan(0, from));
        foreach (var node in body.ChildNodes)
        {
            node.ToHtml(output, HtmlFormatter.Instance);
        }
        output.Write(html.AsSpan(to));
        return output.ToString();
    }

    private const string WhyRemovedClass = "only the classes listed in docs/authoring.md are kept";

    private static string WhyRemoved(IAttr attribute, RemoveReason reason) => attribute.Name.ToLowerInvariant() switch
    {
        var name when name.StartsWith("on", StringComparison.Ordinal) => "event handlers never run in tutorials",
        "style" => "the Content-Security-Policy blocks inline styles",
        _ when reason == RemoveReason.NotAllowedUrlValue => $"only http, https, mailto and relative URLs are allowed, not `{Shorten(attribute.Value)}`",
        _ => "not in the allowed attributes",
    };

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>One piece being cleaned: tells Markdig's elements from the editor's, and reports on the editor's.</summary>
    /// <param name="from">Where the parsed segment starts in <paramref name="html"/>.</param>
    private sealed class Cleaning(string html, int from, RawHtmlSourceMap map, RawHtmlFindings findings)
    {
        /// <summary>The Markdown place of an element; null for one Markdig wrote.</summary>
        private (int Line, int Column)? PlaceOf(IElement element) => map.Find(html, OffsetOf(element));

        /// <summary>
        /// Where the element's tag starts in the piece. The parser keeps no place for elements it makes up (an implied
        /// <c>tbody</c>) nor, it turns out, for SVG and MathML ones: those are looked for after the element before them.
        /// </summary>
        private int OffsetOf(IElement element)
        {
            if (element.SourceReference is { } source)
            {
                return source.Position.Position - 1 - Prefix.Length + from;
            }
            var after = from;
            foreach (var before in element.Owner!.Body!.QuerySelectorAll("*"))
            {
                if (before == element)
                {
                    break;
                }
                if (before.SourceReference is { } known)
                {
                    after = Math.Max(after, known.Position.Position - Prefix.Length + from);
                }
            }
            var found = html.IndexOf("<" + element.LocalName, Math.Min(after, html.Length), StringComparison.OrdinalIgnoreCase);
            return found >= 0 ? found : after;
        }

        private bool IsMarkdigOwn(IElement element) => element.SourceReference is not null && PlaceOf(element) is null;

        /// <summary>True (cancel) for Markdig's own elements; otherwise notes the removal for the element's warning.</summary>
        /// <param name="what">What of the element goes (<c>attribute `x`</c>); null when the whole element does.</param>
        public bool Removing(IElement element, string? what, string why)
        {
            if (IsMarkdigOwn(element))
            {
                return true;
            }
            Note(element, what, why);
            return false;
        }

        // One warning per element, in document order, however many of its parts go.
        private readonly List<(IElement Element, (int Line, int Column) Place, List<string> Ids, List<(string? What, string Why)> Parts)> removals = [];

        private void Note(IElement element, string? what, string why)
        {
            var at = removals.FindIndex(r => r.Element == element);
            if (at < 0)
            {
                // Ids are taken now: the element and what is inside it may be gone when the warning is written.
                var ids = (what is null ? element.DescendantsAndSelf<IElement>() : [element]).Select(e => e.Id).OfType<string>().ToList();
                removals.Add((element, PlaceOf(element) ?? (0, 0), ids, []));
                at = removals.Count - 1;
            }
            removals[at].Parts.Add((what, why));
        }

        /// <summary><c>attribute `a`</c>, <c>attribute `b`</c> → <c>attributes `a`, `b`</c>.</summary>
        private static string Names(IEnumerable<string> whats) =>
            string.Join(", ", whats.Distinct().Select(w => w.Split(' ', 2)).GroupBy(w => w[0])
                .Select(g => g.Count() == 1 ? $"{g.Key} {g.First()[1]}" : $"{g.Key}{(g.Key == "class" ? "es" : "s")} {string.Join(", ", g.Select(w => w[1]))}"));

        public void ReportRemovals()
        {
            foreach (var (element, (line, column), ids, parts) in removals)
            {
                var tag = $"`<{element.LocalName}>`";
                var message = parts.FirstOrDefault(p => p.What is null) is { Why: { } whole }
                    ? (whole.StartsWith("replaced", StringComparison.Ordinal) ? $"{tag} {whole}" : $"{tag} removed: {whole}")
                    : $"{tag}: removed " + string.Join("; ", parts.GroupBy(p => p.Why).Select(g => $"{Names(g.Select(p => p.What!))} ({g.Key})"));
                findings.Issues.Add(new MarkdownIssue(Math.Max(line - 1, 0), Math.Max(column - 1, 0), Severity.Warning, message, Rules.HtmlRemoved));
                foreach (var id in ids)
                {
                    findings.RemovedIds.TryAdd(id, $"line {line}: {message}");
                }
            }
        }

        /// <summary>
        /// What HtmlSanitizer has no setting for: elements outside the list lose only their tags unless their content is
        /// code or a document; embeds become links; classes and ids are held to the policy.
        /// </summary>
        public void ApplyPolicy(IHtmlElement body)
        {
            foreach (var element in body.QuerySelectorAll("*").ToList())
            {
                if (!body.Contains(element) || IsMarkdigOwn(element))
                {
                    continue;
                }
                var tag = element.LocalName;
                if (RawHtmlPolicy.Embeds.TryGetValue(tag, out var sourceAttribute)
                    && element.GetAttribute(sourceAttribute) is { } source && SafeLinksExtension.IsSafe(source) && !string.IsNullOrWhiteSpace(source))
                {
                    var link = element.Owner!.CreateElement("a");
                    link.SetAttribute("href", source);
                    link.TextContent = source;
                    Note(element, null, $"replaced by a link to its source: {RawHtmlPolicy.WhyRemoved(tag)}");
                    element.Replace(link);
                    continue;
                }
                if (!RawHtmlPolicy.Tags.Contains(tag) || element.NamespaceUri != NamespaceNames.HtmlUri)
                {
                    Note(element, null, RawHtmlPolicy.WhyRemoved(tag));
                    if (RawHtmlPolicy.RemovedWithContent.Contains(tag) || element.NamespaceUri != NamespaceNames.HtmlUri)
                    {
                        element.Remove();
                    }
                    else
                    {
                        element.Replace([.. element.ChildNodes]);
                    }
                    continue;
                }
                // `markdown="1"` tells other Markdown processors to read inside the element; here blank lines do that.
                element.RemoveAttribute("markdown");
                if (element.Id is { } id && RawHtmlPolicy.IsSiteId(id))
                {
                    Note(element, $"id `{id}`", "the page uses that id itself; choose another");
                    element.RemoveAttribute("id");
                }
                if (element.ClassList.Where(c => !RawHtmlPolicy.Classes.Contains(c)).ToList() is { Count: > 0 } classes)
                {
                    Note(element, $"{(classes.Count == 1 ? "class" : "classes")} {string.Join(", ", classes.Select(c => $"`{c}`"))}", WhyRemovedClass);
                    element.ClassList.Remove([.. classes]);
                    if (element.ClassList.Length == 0)
                    {
                        element.RemoveAttribute("class");
                    }
                }
            }
        }

        /// <summary>After cleaning: the ids the piece has, and the editor's links for the link check.</summary>
        public void Collect(IHtmlElement body)
        {
            foreach (var element in body.QuerySelectorAll("*"))
            {
                if (element.Id is { Length: > 0 } id)
                {
                    findings.Ids.Add(id);
                }
                if (IsMarkdigOwn(element) || PlaceOf(element) is not { } place)
                {
                    continue;
                }
                if (element.LocalName == "a" && element.GetAttribute("href") is { Length: > 0 } href)
                {
                    findings.Links.Add((href, place.Line, place.Column, false));
                }
                else if (element.LocalName == "img" && element.GetAttribute("src") is { Length: > 0 } src)
                {
                    findings.Links.Add((src, place.Line, place.Column, true));
                }
            }
        }
    }
}
