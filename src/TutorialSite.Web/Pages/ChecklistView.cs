using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

/// <summary>A takeaways or practice-tasks section with the learner's ticks, for the checklist partial.</summary>
/// <param name="TickIds">Every identity the tutorial's ticks may be stored under.</param>
/// <param name="NewKeys">Items added since the learner's last visit.</param>
/// <param name="WithTokens">Whether the forms carry an antiforgery token (learners' pages, never shared ones).</param>
public sealed record ChecklistView(Tutorial Tutorial, RenderedSection Section, LearnerTicks Ticks,
    IReadOnlyList<(string Course, string Tutorial)> TickIds, IReadOnlySet<string> NewKeys, bool WithTokens)
{
    public bool IsTicked(ChecklistEntry item) => Ticks.IsTicked(TickIds, item.AllKeys);
}
