using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace TutorialSite.Web.Content.Markdown.TutorialSections;

/// <summary>A key left where no checklist item claims it is shown as the editor typed it.</summary>
public sealed class HtmlChecklistKeyRenderer : HtmlObjectRenderer<ChecklistKey>
{
    protected override void Write(HtmlRenderer renderer, ChecklistKey obj) => renderer.WriteEscape("{#" + obj.Raw + "}");
}
