using TutorialSite.Web.Content;

namespace TutorialSite.Web.Pages;

/// <summary>A takeaways or practice-tasks section, for the checklist partial; the learner's parts come from <paramref name="Learner"/>.</summary>
public sealed record ChecklistView(Tutorial Tutorial, RenderedSection Section, LearnerParts Learner);
