namespace TutorialSite.Web.Pages;

/// <summary>
/// Marks a page whose response to a reader without a learner cookie depends on nothing but the content snapshot
/// (no ticks, no antiforgery token, no cookie): Serving/ renders it once per snapshot and then serves it from memory,
/// and fills a learner's copy from a template when the page writes its learner's parts through <see cref="LearnerParts"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AnonymousPageCacheAttribute : Attribute;
