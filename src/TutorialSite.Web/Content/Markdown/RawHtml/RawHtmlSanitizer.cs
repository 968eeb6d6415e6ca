using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

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
/// whole piece is parsed at once, as a browser would, so a <c>&lt;div&gt;</c> opened in one HTML block and closed in
/// another keeps the Markdown between them; the result is serialized again, so every element is closed inside the
/// piece and nothing can reach past it into the page. Elements Markdig wrote (outside the
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

    public static string Clean(string html, RawHtmlSourceMap? map, RawHtmlFindings findings)
    {
        if (map is null || map.IsEmpty)
        {
            return html;
        }
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        var document = parser.ParseDocument(Prefix + html);
        var body = document.Body!;
        var cleaning = new Cleaning(html, map, findings);

        cleaning.ApplyPolicy(body);
        var sanitizer = new HtmlSanitizer(Options) { KeepChildNodes = false };
        sanitizer.RemovingTag += (_, e) => e.Cancel = cleaning.Removing(e.Tag, $"`<{e.Tag.LocalName}>` removed: {RawHtmlPolicy.WhyRemoved(e.Tag.LocalName)}");
        sanitizer.RemovingAttribute += (_, e) => e.Cancel = cleaning.Removing(e.Tag, $"attribute `{e.Attribute.Name}` of `<{e.Tag.LocalName}>` removed: {WhyRemoved(e.Attribute, e.Reason)}");
        sanitizer.RemovingCssClass += (_, e) => e.Cancel = cleaning.Removing(e.Tag, $"class `{e.CssClass}` of `<{e.Tag.LocalName}>` removed: {WhyRemovedClass}");
        sanitizer.SanitizeDom(document, body);
        cleaning.Collect(body);
        var output = new StringWriter();
        foreach (var node in body.ChildNodes)
        {
            node.ToHtml(output, HtmlFormatter.Instance);
        }
        return output.ToString();
    }

    private const string WhyRemovedClass = "classes are the site's own; raw HTML keeps only the listed ones (docs/authoring.md)";

    private static string WhyRemoved(IAttr attribute, RemoveReason reason) => attribute.Name.ToLowerInvariant() switch
    {
        var name when name.StartsWith("on", StringComparison.Ordinal) => "event handlers never run in tutorials",
        "style" => "`style` attributes are blocked by the site's Content-Security-Policy; use the allowed classes",
        _ when reason == RemoveReason.NotAllowedUrlValue => $"only http, https, mailto and relative URLs are allowed, not `{Shorten(attribute.Value)}`",
        _ => "not an allowed attribute (docs/authoring.md)",
    };

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>One piece being cleaned: tells Markdig's elements from the editor's, and reports on the editor's.</summary>
    private sealed class Cleaning(string html, RawHtmlSourceMap map, RawHtmlFindings findings)
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
                return source.Position.Position - 1 - Prefix.Length;
            }
            var from = 0;
            foreach (var before in element.Owner!.Body!.QuerySelectorAll("*"))
            {
                if (before == element)
                {
                    break;
                }
                if (before.SourceReference is { } known)
                {
                    from = Math.Max(from, known.Position.Position - Prefix.Length);
                }
            }
            var found = html.IndexOf("<" + element.LocalName, Math.Min(from, html.Length), StringComparison.OrdinalIgnoreCase);
            return found >= 0 ? found : from;
        }

        private bool IsMarkdigOwn(IElement element) => element.SourceReference is not null && PlaceOf(element) is null;

        /// <summary>True (cancel) for Markdig's own elements; otherwise reports the removal at the element's line.</summary>
        public bool Removing(IElement element, string message)
        {
            if (IsMarkdigOwn(element))
            {
                return true;
            }
            Report(element, message);
            return false;
        }

        private void Report(IElement element, string message)
        {
            var (line, column) = PlaceOf(element) ?? (0, 0);
            findings.Issues.Add(new MarkdownIssue(Math.Max(line - 1, 0), Math.Max(column - 1, 0), Severity.Warning, message, Rules.HtmlRemoved));
            foreach (var id in element.DescendantsAndSelf<IElement>().Select(e => e.Id).OfType<string>())
            {
                findings.RemovedIds.TryAdd(id, $"line {line}: {message}");
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
                    Report(element, $"`<{tag}>` replaced by a link to its source: {RawHtmlPolicy.WhyRemoved(tag)}");
                    element.Replace(link);
                    continue;
                }
                if (!RawHtmlPolicy.Tags.Contains(tag) || element.NamespaceUri != NamespaceNames.HtmlUri)
                {
                    Report(element, $"`<{tag}>` removed: {RawHtmlPolicy.WhyRemoved(tag)}");
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
                if (element.Id is { } id && RawHtmlPolicy.IsSiteId(id))
                {
                    Report(element, $"id `{id}` of `<{tag}>` removed: the site's page uses that id itself; choose another");
                    element.RemoveAttribute("id");
                }
                if (element.ClassList.Where(c => !RawHtmlPolicy.Classes.Contains(c)).ToList() is { Count: > 0 } classes)
                {
                    Report(element, $"{(classes.Count == 1 ? "class" : "classes")} {string.Join(", ", classes.Select(c => $"`{c}`"))} of `<{tag}>` removed: {WhyRemovedClass}");
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
