using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TutorialSite.Web.Content.Markdown.SafeLinks;

/// <summary>
/// Neutralizes links and images whose URL has a scheme other than http, https or mailto
/// (<c>javascript:</c>, <c>vbscript:</c>, <c>data:</c> in any spelling). Markdig decodes entities and
/// escapes before this pass, so <c>&amp;#106;avascript:</c> is seen as what a browser would see.
/// </summary>
public sealed class SafeLinksExtension : IMarkdownExtension
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    public void Setup(MarkdownPipelineBuilder pipeline) => pipeline.DocumentProcessed += Neutralize;

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    /// <summary>True for relative URLs, fragments and the allowed schemes.</summary>
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }
        // Browsers ignore ASCII whitespace and control characters inside a scheme: "java\tscript:" runs.
        var compact = url.AsSpan().ContainsAnyInRange('\0', ' ') || url.Contains('\u007f', StringComparison.Ordinal)
            ? new string([.. url.Where(c => c > ' ' && c != '\u007f')])
            : url;
        var colon = compact.IndexOf(':');
        if (colon < 0)
        {
            return true;
        }
        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        if (firstDelimiter >= 0 && firstDelimiter < colon)
        {
            return true; // a colon in a path, query or fragment: relative
        }
        var scheme = compact[..colon];
        return AllowedSchemes.Any(s => s.Equals(scheme, StringComparison.OrdinalIgnoreCase));
    }

    private static void Neutralize(MarkdownDocument document)
    {
        // Listed first: replacing an inline while walking the tree would end the walk.
        var unsafeLinks = document.Descendants<Inline>()
            .Where(i => i is LinkInline link && !IsSafe(link.Url) || i is AutolinkInline { IsEmail: false } autolink && !IsSafe(autolink.Url))
            .ToList();
        foreach (var inline in unsafeLinks)
        {
            switch (inline)
            {
                case LinkInline link:
                    Report(document, link, link.Url);
                    if (link.IsImage)
                    {
                        link.ReplaceBy(new LiteralInline(InlineText.Of(link)), copyChildren: false);
                    }
                    else
                    {
                        link.Url = "#";
                    }
                    break;
                case AutolinkInline autolink:
                    Report(document, autolink, autolink.Url);
                    autolink.ReplaceBy(new LiteralInline(autolink.Url), copyChildren: false);
                    break;
            }
        }
    }

    private static void Report(MarkdownDocument document, Inline at, string? url) =>
        MarkdownIssues.Add(document, at, Severity.Error,
            $"link to `{Shorten(url)}` was removed: only http, https, mailto and site links are allowed", Rules.UnsafeLink);

    private static string Shorten(string? url) => url is { Length: > 40 } ? url[..40] + "…" : url ?? "";
}

public static class SafeLinksPipelineExtensions
{
    /// <summary>Neutralizes scripting URLs in links and images (see <see cref="SafeLinksExtension"/>).</summary>
    public static MarkdownPipelineBuilder UseSafeLinks(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<SafeLinksExtension>();
        return pipeline;
    }
}
