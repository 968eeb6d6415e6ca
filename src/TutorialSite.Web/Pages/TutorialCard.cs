using Microsoft.AspNetCore.Html;
using TutorialSite.Web.Content;

namespace TutorialSite.Web.Pages;

/// <summary>
/// A tutorial as search results and topic pages show it (<c>Shared/_TutorialCard.cshtml</c>): its course, title, a
/// marked snippet or its description, its reading time and its topics.
/// </summary>
/// <param name="CourseTitle">Shown above the title; null where the list is already grouped by course.</param>
/// <param name="Summary">The search snippet (already escaped, with marks) or the description.</param>
/// <param name="HeadingLevel">2 on a flat list, 3 under a course's heading.</param>
/// <param name="CurrentTag">The topic the page is about: its chip is marked, not repeated as a way on.</param>
public sealed record TutorialCard(Tutorial Tutorial, string? CourseTitle, IHtmlContent Summary, int HeadingLevel = 2, string? CurrentTag = null)
{
    public string Href => $"/{Tutorial.CourseSlug}/{Tutorial.Slug}";
}
