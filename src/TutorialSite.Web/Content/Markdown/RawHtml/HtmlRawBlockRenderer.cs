using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TutorialSite.Web.Content.Markdown.RawHtml;

/// <summary>Writes an HTML block verbatim, as Markdig does, and notes where each of its lines landed.</summary>
public sealed class HtmlRawBlockRenderer(RawHtmlSourceMap map) : HtmlObjectRenderer<HtmlBlock>
{
    public RawHtmlSourceMap Map { get; } = map;

    protected override void Write(HtmlRenderer renderer, HtmlBlock block)
    {
        var lines = block.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            ref var line = ref lines.Lines[i];
            var start = RawHtmlExtension.Offset(renderer);
            renderer.Write(ref line.Slice);
            Map.Add(start, RawHtmlExtension.Offset(renderer), line.Line, line.Column);
            renderer.WriteLine();
        }
    }
}

/// <summary>Writes an inline tag verbatim, as Markdig does, and notes where it landed.</summary>
public sealed class HtmlRawInlineRenderer(RawHtmlSourceMap map) : HtmlObjectRenderer<HtmlInline>
{
    protected override void Write(HtmlRenderer renderer, HtmlInline inline)
    {
        var start = RawHtmlExtension.Offset(renderer);
        renderer.Write(inline.Tag);
        map.Add(start, RawHtmlExtension.Offset(renderer), inline.Line, inline.Column);
    }
}
