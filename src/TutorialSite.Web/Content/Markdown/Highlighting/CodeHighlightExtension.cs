using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace TutorialSite.Web.Content.Markdown.Highlighting;

/// <summary>
/// Server-side syntax highlighting of fenced code by TextMate grammars (<see cref="CodeHighlighter"/>: CSS classes only,
/// nothing inline for the CSP to block, no script in the browser), an optional file-name title
/// (<c>```csharp title="Program.cs"</c>), and a <c>check</c> warning for a language the site does not know.
/// </summary>
public sealed class CodeHighlightExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline) => pipeline.DocumentProcessed += ReportUnknownLanguages;

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && html.ObjectRenderers.FindExact<CodeBlockRenderer>() is { } plain)
        {
            html.ObjectRenderers.Replace<CodeBlockRenderer>(new HtmlHighlightedCodeRenderer(plain));
        }
    }

    private static void ReportUnknownLanguages(MarkdownDocument document)
    {
        foreach (var fence in document.Descendants<FencedCodeBlock>())
        {
            var name = CodeLanguages.NameIn(fence.Info);
            if (name != fence.Info && fence.Info is { Length: > 0 } && fence.TryGetAttributes() is { Classes: { } classes })
            {
                // Markdig's class is the whole first word (`language-rust,editable`, `language-[[1,`): the class is
                // the language's name, and there is none when the info string names no language.
                var index = classes.IndexOf(FencedCodeBlockParser.DefaultInfoPrefix + fence.Info);
                if (index >= 0 && name is not null)
                {
                    classes[index] = FencedCodeBlockParser.DefaultInfoPrefix + name;
                }
                else if (index >= 0)
                {
                    classes.RemoveAt(index);
                }
            }
            if (name is not null && CodeLanguages.Find(name) is null)
            {
                var suggestion = Spelling.Nearest(name, CodeLanguages.All.SelectMany(l => l.Names));
                MarkdownIssues.Add(document, fence, Severity.Warning,
                    $"unknown code language `{name}`: the block is shown without highlighting; "
                    + (suggestion is null ? "use a name listed in docs/authoring.md, or `text`" : $"did you mean `{suggestion}`? (or `text`)"),
                    Rules.CodeLanguageUnknown);
            }
        }
    }
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
