using Microsoft.AspNetCore.Html;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

/// <summary>
/// Marks a page whose response to a reader without a learner cookie depends on nothing but the content snapshot
/// (no ticks, no antiforgery token, no cookie): Serving/ renders it once per snapshot and then serves it from memory,
/// and fills a learner's copy from a template when the page marks its holes (<see cref="TemplateHoles"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AnonymousPageCacheAttribute : Attribute;

/// <summary>
/// The page's side of the learners' page templates (Serving/LearnerPageTemplate.cs): when a request renders the
/// template, the page writes a hole wherever a learner's part goes (a checkbox's <c>checked</c>, a "New" badge, the
/// number done, the outline's marks, the completion panel's <c>hidden</c>, the antiforgery token) and the serving
/// side fills each from the learner's ticks, with the same bytes the page writes itself otherwise.
/// </summary>
public static class TemplateHoles
{
    public const char Token = 'T';
    public const char Checked = 'C';
    public const char New = 'N';
    public const char Done = 'D';
    /// <summary>A tutorial's mark in the course outline; its index in the course follows.</summary>
    public const char Outline = 'O';
    /// <summary>The completion panel's <c>hidden</c> attribute, there until every item is ticked.</summary>
    public const char Hidden = 'H';

    /// <summary>Marks a hole in the template's HTML; never written by Razor's encoder, checked when parsing.</summary>
    public const char Mark = '\u0001';

    public static readonly HtmlString CheckedAttribute = new(" checked=\"checked\"");

    public static readonly HtmlString NewBadge = new("<span class=\"badge text-bg-info me-1\">New</span><span class=\"visually-hidden\">since your last visit: </span>");

    public static readonly HtmlString HiddenAttribute = new(" hidden");

    private static readonly HtmlString CompleteMark = new("<span class=\"outline-mark is-complete\"><span class=\"visually-hidden\">complete</span></span>");

    /// <summary>What the course outline shows of a tutorial: done/total, or a check once complete (nothing without items).</summary>
    public static HtmlString OutlineMark(Completion completion) => completion switch
    {
        { Total: 0 } => HtmlString.Empty,
        { IsComplete: true } => CompleteMark,
        var (done, total) => new($"<span class=\"outline-mark\">{done}<span class=\"visually-hidden\"> of </span><span aria-hidden=\"true\">/</span>{total}<span class=\"visually-hidden\"> done</span></span>"),
    };

    public static HtmlString Hole(char kind, string key = "") => new($"{Mark}{kind}{key}{Mark}");

    /// <summary>
    /// Whether this request renders the template of <paramref name="tutorial"/>'s page (then: no learner data, holes
    /// instead); tells the serving side which tutorial the holes belong to.
    /// </summary>
    public static bool IsRendering(HttpContext context, Tutorial tutorial)
    {
        if (context.Features.Get<Rendering>() is not { } rendering)
        {
            return false;
        }
        rendering.Tutorial = tutorial;
        return true;
    }

    /// <summary>A request that renders a template (set by the serving side), and the tutorial the page rendered.</summary>
    public sealed class Rendering
    {
        public Tutorial? Tutorial { get; set; }
    }
}
