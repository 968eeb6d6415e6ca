using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace TutorialSite.Web.Content.Markdown.TutorialSections;

/// <summary>
/// Renders a <see cref="TutorialSection"/> as static HTML: checklists as plain lists (the page adds the
/// learner's boxes), mistakes as a marked list, and the FAQ as <c>details</c>/<c>summary</c> disclosures.
/// </summary>
public sealed class HtmlTutorialSectionRenderer : HtmlObjectRenderer<TutorialSection>
{
    protected override void Write(HtmlRenderer renderer, TutorialSection section)
    {
        renderer.Write("<section class=\"tutorial-section section-").Write(section.Id).Write("\" aria-labelledby=\"").Write(section.Id).WriteLine("\">");
        renderer.Write("<h2 id=\"").Write(section.Id).Write("\">").Write(section.Title).WriteLine("</h2>");
        var inList = false;
        foreach (var block in section)
        {
            if (block is ChecklistItem item)
            {
                if (!inList)
                {
                    renderer.WriteLine("<ul class=\"checklist\">");
                    inList = true;
                }
                renderer.Write("<li id=\"").Write(ItemId(item.Key)).Write("\">");
                WriteItemContent(renderer, item);
                renderer.WriteLine("</li>");
                continue;
            }
            if (inList)
            {
                renderer.WriteLine("</ul>");
                inList = false;
            }
            if (block is FaqItem faq)
            {
                WriteFaq(renderer, faq);
            }
            else
            {
                renderer.Write(block);
            }
        }
        if (inList)
        {
            renderer.WriteLine("</ul>");
        }
        renderer.WriteLine("</section>");
    }

    /// <summary>The element id of a checklist item, also the fragment a tick redirects back to.</summary>
    public static string ItemId(string key) => "item-" + key;

    /// <summary>Writes an item's content the way Markdig writes a list item's: no <c>p</c> in a tight list.</summary>
    public static void WriteItemContent(HtmlRenderer renderer, ChecklistItem item)
    {
        var implicitParagraph = renderer.ImplicitParagraph;
        renderer.ImplicitParagraph = !item.IsLoose;
        renderer.WriteChildren(item);
        renderer.ImplicitParagraph = implicitParagraph;
    }

    /// <summary>Writes a question as a disclosure; the question and its answer are both in the HTML.</summary>
    public static void WriteFaq(HtmlRenderer renderer, FaqItem faq)
    {
        renderer.Write("<details class=\"faq-item\"").WriteAttributes(faq.Question).Write("><summary>");
        renderer.WriteLeafInline(faq.Question);
        renderer.WriteLine("</summary>");
        renderer.WriteLine("<div class=\"faq-answer\">");
        renderer.WriteChildren(faq);
        renderer.WriteLine("</div>");
        renderer.WriteLine("</details>");
    }
}
