using System.Text.RegularExpressions;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace TutorialSite.Web.Content.Markdown.Highlighting;

/// <summary>
/// Writes a fenced block as <c>&lt;pre&gt;&lt;code class="language-js highlighted" data-lang="JavaScript"&gt;</c> with
/// token spans inside; <c>data-lang</c> (the language's label, or the name as written when the site does not know it)
/// is the hook for a language label. Code without a language, or whose highlighting is deferred, is written as
/// Markdig would, plus <c>data-lang</c>.
/// </summary>
public sealed partial class HtmlHighlightedCodeRenderer(CodeBlockRenderer plain) : HtmlObjectRenderer<CodeBlock>
{
    protected override void Write(HtmlRenderer renderer, CodeBlock block)
    {
        var title = block is FencedCodeBlock { Arguments: { } arguments } ? Title().Match(arguments) : Match.Empty;
        if (title.Success)
        {
            renderer.Write("<figure class=\"code-figure\"><figcaption class=\"code-title\">").WriteEscape(title.Groups[1].Value).WriteLine("</figcaption>");
        }
        var name = CodeLanguages.NameIn((block as FencedCodeBlock)?.Info);
        var language = CodeLanguages.Find(name);
        var code = language?.Scope is not null && block.Lines.Count > 0 ? block.Lines.ToString() + "\n" : null;
        if (code is not null && CodeHighlighter.Highlight(ScopeFor(language!, code), code) is { } html)
        {
            renderer.Write("<pre><code class=\"language-").WriteEscape(name).Write(" highlighted\" data-lang=\"").WriteEscape(language!.Label).Write("\">")
                .Write(html)
                .WriteLine("</code></pre>");
        }
        else
        {
            if (code is not null && !CodeHighlighter.IsSkipping)
            {
                // Deferred (CodeHighlighter.Defer): shown plain now, and the tutorial is rendered again once it is done.
                CodeHighlighter.MarkDeferred(block);
            }
            // A section's blocks are rendered twice (the whole section and its introduction): one attribute, once.
            if (name is { Length: > 0 } && block.GetAttributes() is var attributes && attributes.Properties?.Any(p => p.Key == "data-lang") != true)
            {
                attributes.AddProperty("data-lang", language?.Label ?? name);
            }
            plain.Write(renderer, block);
        }
        if (title.Success)
        {
            renderer.WriteLine("</figure>");
        }
    }

    /// <summary>A shell block written as a session (its first line starts with a <c>$ </c> prompt) is read as one.</summary>
    private static string ScopeFor(CodeLanguage language, string code) =>
        language.Scope == CodeLanguages.ShellScope && code.TrimStart('\n').StartsWith("$ ", StringComparison.Ordinal)
            ? CodeLanguages.ShellSessionScope
            : language.Scope!;

    [GeneratedRegex("title=\"([^\"]*)\"")]
    private static partial Regex Title();
}
