using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

/// <summary>A takeaways or practice-tasks section with the learner's ticks, for the checklist partial.</summary>
public sealed record ChecklistView(Tutorial Tutorial, RenderedSection Section, LearnerTicks Ticks);
