using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

/// <summary>A takeaways or practice-tasks section with the learner's ticks, for the checklist partial.</summary>
/// <param name="TickIds">Every identity the tutorial's ticks may be stored under.</param>
/// <param name="NewKeys">Items added since the learner's last visit.</param>
/// <param name="WithTokens">Whether the forms carry an antiforgery token (learners' pages, never shared ones).</param>
/// <param name="Holes">Rendering the learners' template: the learner's parts are left as holes (<see cref="TemplateHoles"/>).</param>
public sealed record ChecklistView(Tutorial Tutorial, RenderedSection Section, LearnerTicks Ticks,
    IReadOnlyList<(string Course, string Tutorial)> TickIds, IReadOnlySet<string> NewKeys, bool WithTokens, bool Holes)
{
    public bool IsTicked(ChecklistEntry item) => Ticks.IsTicked(TickIds, item.AllKeys);

    public IHtmlContent TokenField(IHtmlHelper html) =>
        Holes ? TemplateHoles.Hole(TemplateHoles.Token) : WithTokens ? html.AntiForgeryToken() : HtmlString.Empty;

    /// <summary>The checkbox's <c>checked</c> attribute, as Razor writes <c>checked="@true"</c>.</summary>
    public IHtmlContent Checked(ChecklistEntry item) =>
        Holes ? TemplateHoles.Hole(TemplateHoles.Checked, item.Key) : IsTicked(item) ? TemplateHoles.CheckedAttribute : HtmlString.Empty;

    public IHtmlContent NewBadge(ChecklistEntry item) =>
        Holes ? TemplateHoles.Hole(TemplateHoles.New, item.Key) : NewKeys.Contains(item.Key) ? TemplateHoles.NewBadge : HtmlString.Empty;
}
