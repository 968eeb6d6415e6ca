using System.Text.RegularExpressions;
using ColorCode;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace TutorialSite.Web.Content.Markdown;

/// <summary>
/// Server-side syntax highlighting of fenced code (ColorCode, CSS classes only: nothing inline for the CSP to
/// block, no script in the browser), and an optional file-name title: <c>```csharp title="Program.cs"</c>.
/// </summary>
public sealed class CodeHighlightExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && html.ObjectRenderers.FindExact<CodeBlockRenderer>() is { } plain)
        {
            html.ObjectRenderers.Replace<CodeBlockRenderer>(new HtmlHighlightedCodeRenderer(plain));
        }
    }
}

/// <summary>Writes fenced code with a known language as highlighted spans; anything else as Markdig would.</summary>
public sealed partial class HtmlHighlightedCodeRenderer(CodeBlockRenderer plain) : HtmlObjectRenderer<CodeBlock>
{
    private static readonly Dictionary<string, string> LanguageIds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csharp"] = "c#", ["cs"] = "c#", ["c#"] = "c#",
        ["javascript"] = "javascript", ["js"] = "javascript",
        ["typescript"] = "typescript", ["ts"] = "typescript",
        ["json"] = "json", ["sql"] = "sql", ["css"] = "css",
        ["html"] = "html", ["xml"] = "xml", ["csproj"] = "xml",
        ["powershell"] = "powershell", ["ps1"] = "powershell", ["pwsh"] = "powershell",
        ["python"] = "python", ["py"] = "python", ["java"] = "java",
        ["cpp"] = "cpp", ["c++"] = "cpp", ["fsharp"] = "f#", ["f#"] = "f#", ["php"] = "php",
        ["markdown"] = "markdown", ["md"] = "markdown",
    };

    protected override void Write(HtmlRenderer renderer, CodeBlock block)
    {
        var title = block is FencedCodeBlock { Arguments: { } arguments } ? Title().Match(arguments) : Match.Empty;
        if (title.Success)
        {
            renderer.Write("<figure class=\"code-figure\"><figcaption class=\"code-title\">").WriteEscape(title.Groups[1].Value).WriteLine("</figcaption>");
        }
        if (block is FencedCodeBlock { Info: { } info } && LanguageIds.TryGetValue(info, out var id) && Languages.FindById(id) is { } language)
        {
            var code = block.Lines.ToString();
            var html = new HtmlClassFormatter().GetHtmlString(code, language);
            // ColorCode wraps its spans in <div><pre>; keep the spans inside Markdig's usual <pre><code>.
            var start = html.IndexOf("<pre>", StringComparison.Ordinal) + "<pre>".Length;
            var end = html.LastIndexOf("</pre>", StringComparison.Ordinal);
            renderer.Write("<pre><code class=\"language-").WriteEscape(info).Write(" highlighted\">")
                .Write(html[start..end].TrimStart('\r', '\n'))
                .WriteLine("</code></pre>");
        }
        else
        {
            plain.Write(renderer, block);
        }
        if (title.Success)
        {
            renderer.WriteLine("</figure>");
        }
    }

    [GeneratedRegex("title=\"([^\"]*)\"")]
    private static partial Regex Title();
}

public static class CodeHighlightPipelineExtensions
{
    /// <summary>Highlights fenced code on the server (see <see cref="CodeHighlightExtension"/>).</summary>
    public static MarkdownPipelineBuilder UseCodeHighlighting(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<CodeHighlightExtension>();
        return pipeline;
    }
}
