namespace TutorialSite.Web.Progress;

/// <summary>An anonymous learner: nothing but a random id, known to their browser through a cookie.</summary>
public sealed class Learner
{
    public required string Id { get; init; }

    public DateTime CreatedAt { get; init; }
}

/// <summary>A ticked takeaway or practice task, stored by content identity, never by position or title.</summary>
public sealed class Tick
{
    public required string LearnerId { get; init; }

    public required string CourseSlug { get; init; }

    public required string TutorialSlug { get; init; }

    public required string ItemKey { get; init; }

    public DateTime TickedAt { get; init; }
}
