namespace TutorialSite.Web.Content.Markdown.RawHtml;

/// <summary>
/// What raw HTML in a tutorial may contain, named once: the sanitizer applies it and docs/authoring.md lists it.
/// Everything else is removed, and <c>check</c> says where and why.
/// </summary>
public static class RawHtmlPolicy
{
    public static readonly IReadOnlySet<string> Tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // Text
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q",
        "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
        // Blocks
        "blockquote", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "li", "ol", "p", "pre", "section", "summary", "ul",
        // Tables
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
        // Images
        "img",
    };

    public static readonly IReadOnlySet<string> Attributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "id", "class", "title", "lang", "dir",
        "href", "src", "alt", "width", "height", "loading",
        "open", "cite", "datetime",
        "colspan", "rowspan", "scope", "headers", "abbr", "span",
        "start", "reversed", "type", "value",
    };

    /// <summary>URL schemes kept in <c>href</c>, <c>src</c> and <c>cite</c>; relative URLs are always kept.</summary>
    public static readonly IReadOnlySet<string> Schemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" };

    /// <summary>
    /// The only classes raw HTML keeps. Classes are the site's own vocabulary (Bootstrap, site.css, the hooks
    /// site.js looks for): any class would let content borrow <c>position-fixed</c>, <c>stretched-link</c>,
    /// <c>d-none</c> or <c>visually-hidden</c> to cover, imitate or hide the site's own controls. These are the boxes
    /// the stylesheet draws for content: the site's callouts and The Odin Project's lesson notes.
    /// </summary>
    public static readonly IReadOnlySet<string> Classes = new HashSet<string>(StringComparer.Ordinal)
    {
        "callout", "callout-note", "callout-tip", "callout-important", "callout-warning", "callout-caution", "callout-contrast", "callout-title",
        "lesson-note", "lesson-note--tip", "lesson-note--warning", "lesson-note--critical",
    };

    /// <summary>
    /// Ids the site's pages give their own elements (the layout, the tutorial page's checklist and sections); raw HTML
    /// may not take them, or a fragment link or the page's script would find the wrong element.
    /// </summary>
    public static readonly IReadOnlySet<string> SiteIds = new HashSet<string>(StringComparer.Ordinal)
    {
        "main", "course", "q", "home-q", "tag", "theme", "toc-title", "tutorial-title", "continue-title", "reset-title",
        "retired-title", "transfer-title", "search-help", "search-results", "progress-text", "device-code-input", "import-file",
        "key-takeaways", "common-mistakes", "practice-tasks", "faq", "site-q", "hero-title", "missing-q", "device-code",
        "completion", "completion-title", "empty-title", "related-title",
    };

    /// <summary>
    /// Prefixes of the ids the site makes per item, course or letter of the topics index (<c>item-KEY</c>,
    /// <c>tick-KEY</c>, <c>course-SLUG</c>, <c>topics-A</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> SiteIdPrefixes = ["item-", "tick-", "course-", "topics-"];

    public static bool IsSiteId(string id) =>
        SiteIds.Contains(id) || SiteIdPrefixes.Any(p => id.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Elements removed with everything inside them: their content is code, a document or a control, not text.</summary>
    public static readonly IReadOnlySet<string> RemovedWithContent = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
        "textarea", "select", "option", "input", "button", "title", "head", "meta", "link", "base", "audio", "video", "canvas",
        "xmp", "plaintext", "noembed", "noframes",
    };

    /// <summary>Elements that load another document: shown as a plain link to what they would have loaded.</summary>
    public static readonly IReadOnlyDictionary<string, string> Embeds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["iframe"] = "src", ["embed"] = "src", ["object"] = "data", ["video"] = "src", ["audio"] = "src",
    };

    /// <summary>Why an element is never kept, in an editor's words.</summary>
    public static string WhyRemoved(string tag) => tag.ToLowerInvariant() switch
    {
        "script" or "noscript" => "scripts never run in tutorials",
        "style" => "styles come from the site's stylesheet only (the Content-Security-Policy blocks others)",
        "iframe" or "frame" or "frameset" or "object" or "embed" or "applet" or "video" or "audio" => "embedded pages and players are not allowed",
        "form" or "input" or "button" or "select" or "option" or "textarea" or "label" or "fieldset" or "legend" => "forms and controls are not allowed (the page's own forms save progress)",
        "svg" or "math" => "inline SVG and MathML are not allowed; use an image file",
        "meta" or "link" or "base" or "head" or "title" => "document-level elements are not allowed in a tutorial",
        _ => "not in the allowed HTML (docs/authoring.md)",
    };
}
